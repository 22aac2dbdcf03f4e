using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Steadfast.Platform.Data;

namespace Steadfast.Platform.Jobs;

/// <summary>Does one kind of due item. Runs in a scope whose SaveChanges also marks the item done.</summary>
public interface IDueItemHandler
{
    string Kind { get; }
    Task HandleAsync(DueItem item, IServiceProvider services, CancellationToken ct);
}

public static class DueItemExtensions
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static DueItem Schedule(this AppDbContext db, string kind, string subjectId, DateTime dueAtUtc, object? payload = null)
    {
        var item = new DueItem
        {
            Id = Guid.CreateVersion7(),
            Kind = kind,
            SubjectId = subjectId,
            DueAtUtc = dueAtUtc,
            AvailableAtUtc = dueAtUtc,
            Payload = JsonSerializer.Serialize(payload ?? new { }, Json),
        };
        db.DueItems.Add(item);
        return item;
    }

    /// <summary>Cancels the pending items of a kind for a record (e.g. an SLA warning once the order is answered).</summary>
    public static Task<int> CancelDueAsync(this AppDbContext db, string kind, string subjectId, DateTime nowUtc, CancellationToken ct) =>
        db
            .DueItems.Where(d => d.Kind == kind && d.SubjectId == subjectId && d.ProcessedAtUtc == null && d.CancelledAtUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.CancelledAtUtc, nowUtc), ct);

    internal static Task Dispatch(IServiceProvider services, DueItem item, CancellationToken ct)
    {
        var handler = services.GetServices<IDueItemHandler>().FirstOrDefault(h => h.Kind == item.Kind)
            ?? throw new InvalidOperationException($"No handler for due item kind '{item.Kind}'.");
        return handler.HandleAsync(item, services, ct);
    }
}
