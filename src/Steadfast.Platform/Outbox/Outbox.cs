using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Steadfast.Platform.Data;

namespace Steadfast.Platform.Outbox;

/// <summary>Sends one type of outbox message (an email, a webhook call...). Must tolerate a repeat of the same message id.</summary>
public interface IOutboxHandler
{
    string Type { get; }
    Task HandleAsync(OutboxMessage message, IServiceProvider services, CancellationToken ct);
}

public static class OutboxExtensions
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Queues a message; it is sent only if the surrounding SaveChanges commits.</summary>
    public static OutboxMessage Enqueue(this AppDbContext db, string type, object payload, DateTime nowUtc)
    {
        var message = new OutboxMessage
        {
            Id = Guid.CreateVersion7(),
            Type = type,
            Payload = JsonSerializer.Serialize(payload, Json),
            CreatedAtUtc = nowUtc,
            AvailableAtUtc = nowUtc,
        };
        db.OutboxMessages.Add(message);
        return message;
    }

    internal static Task Dispatch(IServiceProvider services, OutboxMessage message, CancellationToken ct)
    {
        var handler = services.GetServices<IOutboxHandler>().FirstOrDefault(h => h.Type == message.Type)
            ?? throw new InvalidOperationException($"No handler for outbox message type '{message.Type}'.");
        return handler.HandleAsync(message, services, ct);
    }
}
