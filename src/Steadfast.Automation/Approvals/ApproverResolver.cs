using Microsoft.EntityFrameworkCore;
using Steadfast.Platform.Company;
using Steadfast.Platform.Data;
using Steadfast.Platform.Identity;

namespace Steadfast.Automation.Approvals;

/// <summary>A person an approval waits for, and whom they stand in for while that one is away.</summary>
internal sealed record Assignee(Guid UserId, string Name, Guid? OnBehalfOfId, string OnBehalfOfName);

/// <summary>
/// Turns a step's approver (a user, a role, the requester's or owner's manager, a user field) into the active users it
/// names today, then hands each away user's part to their delegate.
/// </summary>
internal sealed class ApproverResolver(AppDbContext db)
{
    public async Task<List<Guid>> UsersAsync(
        Approver who,
        Guid requesterId,
        IReadOnlyDictionary<string, string?> values,
        string? ownerField,
        IReadOnlyCollection<Guid> waiting,
        CancellationToken ct
    )
    {
        var ids = who.Kind switch
        {
            ApproverKind.User => Guid.TryParse(who.Value, out var u) ? [u] : [],
            ApproverKind.Role => await db.ActiveInRoles(who.Value ?? "").Select(x => x.Id).ToListAsync(ct),
            ApproverKind.RequestersManager => await ManagersAsync([requesterId], ct),
            ApproverKind.OwnersManager => ownerField is not null && Guid.TryParse(values.GetValueOrDefault(ownerField), out var o)
                ? await ManagersAsync([o], ct)
                : [],
            ApproverKind.Field => Guid.TryParse(values.GetValueOrDefault(who.Value ?? ""), out var f) ? [f] : [],
            ApproverKind.ApproversManager => await ManagersAsync(waiting, ct),
            _ => [],
        };
        var active = await db.Users.Where(x => ids.Contains(x.Id) && x.IsActive).Select(x => x.Id).ToListAsync(ct);
        // Nobody approves their own request while someone else can.
        if (active.Count > 1)
            active.Remove(requesterId);
        return active;
    }

    /// <summary>Who nobody else is found: the administrators, so a request never waits for no one.</summary>
    public Task<List<Guid>> FallbackAsync(CancellationToken ct) => db.ActiveInRoles(Roles.Admin).Select(x => x.Id).ToListAsync(ct);

    private async Task<List<Guid>> ManagersAsync(IReadOnlyCollection<Guid> users, CancellationToken ct)
    {
        var managers = await db
            .Users.Where(x => users.Contains(x.Id) && x.TeamId != null)
            .Join(db.Set<Team>(), x => x.TeamId, tm => tm.Id, (x, tm) => tm.ManagerId)
            .ToListAsync(ct);
        return [.. managers.OfType<Guid>().Distinct()];
    }

    /// <summary>Each user, or their delegate while they are away (one hop: a delegate's own absence is not followed).</summary>
    public async Task<List<Assignee>> WithDelegatesAsync(IReadOnlyCollection<Guid> users, DateTime nowUtc, CancellationToken ct)
    {
        var delegations = await db.Set<ApprovalDelegation>()
            .AsNoTracking()
            .Where(d => users.Contains(d.UserId) && d.CancelledAtUtc == null && d.StartsAtUtc <= nowUtc && d.EndsAtUtc > nowUtc)
            .ToListAsync(ct);
        var map = delegations
            .GroupBy(d => d.UserId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(d => d.CreatedAtUtc).First().DelegateId);
        var all = users.Concat(map.Values).Distinct().ToList();
        var names = await db.Users.Where(x => all.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.DisplayName, ct);
        var list = new List<Assignee>();
        foreach (var u in users)
        {
            var a =
                map.TryGetValue(u, out var d) && d != u
                    ? new Assignee(d, names.GetValueOrDefault(d) ?? "?", u, names.GetValueOrDefault(u) ?? "?")
                    : new Assignee(u, names.GetValueOrDefault(u) ?? "?", null, "");
            if (list.All(x => x.UserId != a.UserId))
                list.Add(a);
        }
        return list;
    }

    /// <summary>Whose votes the user may cast now: their own, and those of users away who named them.</summary>
    public async Task<List<Guid>> ActingForAsync(Guid me, DateTime nowUtc, CancellationToken ct)
    {
        var forOthers = await db.Set<ApprovalDelegation>()
            .Where(d => d.DelegateId == me && d.CancelledAtUtc == null && d.StartsAtUtc <= nowUtc && d.EndsAtUtc > nowUtc)
            .Select(d => d.UserId)
            .ToListAsync(ct);
        return [me, .. forOthers];
    }
}
