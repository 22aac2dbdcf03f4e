using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Steadfast.Platform.Data;
using Steadfast.Platform.Identity;
using Steadfast.Platform.Outbox;

namespace Steadfast.Platform.Notifications;

/// <summary>
/// Fans one event out to the in-app centre, email and chat robots. Nothing is sent here: rows are
/// added to the caller's unit of work, so they exist exactly when the change that caused them commits,
/// and the outbox delivers them with retries.
/// </summary>
public sealed class Notifier(AppDbContext db, TimeProvider clock)
{
    public const string EmailMessage = "email";
    public const string WebhookMessage = "webhook";

    public async Task NotifyAsync(string kind, IEnumerable<Guid> userIds, string link, IReadOnlyList<string> args, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        NotifyUsers(kind, userIds, link, args, mail: true);
        var hooks = await db.Set<WebhookEndpoint>()
            .AsNoTracking()
            .Where(w => w.IsActive)
            .Select(w => new { w.Id, w.Events })
            .ToListAsync(ct);
        foreach (var hook in hooks.Where(h => Subscribed(h.Events, kind)))
            db.Enqueue(WebhookMessage, new WebhookPayload(hook.Id, kind, [.. args], link, now), now);
    }

    /// <summary>The in-app centre (and mail, if asked) of the users only: a rule names its robot itself.</summary>
    public void NotifyUsers(string kind, IEnumerable<Guid> userIds, string link, IReadOnlyList<string> args, bool mail)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var argsJson = JsonSerializer.Serialize(args);
        foreach (var userId in userIds.Distinct())
        {
            var n = new Notification
            {
                Id = Guid.CreateVersion7(),
                UserId = userId,
                Kind = kind,
                Args = argsJson,
                Link = link,
                CreatedAtUtc = now,
            };
            db.Add(n);
            if (mail)
                db.Enqueue(EmailMessage, new EmailPayload(n.Id), now);
        }
    }

    /// <summary>One robot or endpoint, whatever events it subscribes to.</summary>
    public void PostTo(Guid endpointId, string kind, IReadOnlyList<string> args, string link)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        db.Enqueue(WebhookMessage, new WebhookPayload(endpointId, kind, [.. args], link, now), now);
    }

    /// <summary>Users holding any of the roles, active only: who "the service manager" is today.</summary>
    public Task<List<Guid>> UsersInRolesAsync(IReadOnlyCollection<string> roles, CancellationToken ct) =>
        db.ActiveInRoles([.. roles]).Select(u => u.Id).ToListAsync(ct);

    public static bool Subscribed(string events, string kind) =>
        string.IsNullOrWhiteSpace(events)
        || events
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Contains(kind, StringComparer.OrdinalIgnoreCase);
}

public sealed record EmailPayload(Guid NotificationId);

public sealed record WebhookPayload(Guid EndpointId, string Kind, string[] Args, string Link, DateTime AtUtc);
