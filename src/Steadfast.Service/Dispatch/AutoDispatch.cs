using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Steadfast.Platform.Data;
using Steadfast.Platform.Identity;
using Steadfast.Platform.Localization;
using Steadfast.Platform.Notifications;
using Steadfast.Service.WorkOrders;

namespace Steadfast.Service.Dispatch;

/// <summary>
/// Dispatch that runs by itself where a rule says so (区域 × 紧急程度 → auto): a new order goes to the best-ranked engineer
/// who covers its region and has room under his daily cap, with the score and reasons in the order's timeline and a
/// notification to him; when nobody qualifies it stays unassigned, in the pool, and the dispatchers are told why.
/// </summary>
internal sealed class AutoDispatch(
    AppDbContext db,
    DispatchService dispatch,
    WorkOrderMoves moves,
    WorkOrderService orders,
    Notifier notifier,
    TimeProvider clock,
    Platform.Ui.CompanyClock company,
    Platform.Audit.CurrentActor actor,
    IStringLocalizer<Strings> t
)
{
    /// <summary>Every automatic assignment takes this lock: two orders created at once cannot both see the same free engineer.</summary>
    private const long LockKey = 0x5F_D15_A7C4;

    /// <summary>
    /// Runs as the dispatch desk itself, whoever filed the order (a QR scan has no account, a customer may not assign):
    /// the assignment's event and audit rows name automatic dispatch, not the reporter.
    /// </summary>
    public async Task<bool> TryAsync(WorkOrder order, CancellationToken ct)
    {
        // Every create asks: the rules come from memory, and an order no rule sends out costs no statement.
        if (DispatchRule.ModeFor(await dispatch.CachedRulesAsync(ct), order.Region, order.Severity) != DispatchMode.Auto)
            return false;
        var reporter = actor.Principal;
        actor.Use(
            new System.Security.Claims.ClaimsPrincipal(
                new System.Security.Claims.ClaimsIdentity(
                    [
                        new(System.Security.Claims.ClaimTypes.Role, Roles.Dispatcher),
                        new(AppClaims.DisplayName, t["Dispatch.Auto.Actor"]),
                        new(System.Security.Claims.ClaimTypes.Name, "auto-dispatch"),
                    ],
                    "system"
                )
            )
        );
        try
        {
            return await AssignAsync(order.Id, ct);
        }
        finally
        {
            actor.Use(reporter);
        }
    }

    private async Task<bool> AssignAsync(Guid orderId, CancellationToken ct)
    {
        var order = await orders.FindAsync(orderId, ct);
        if (order.Status != WorkOrderStatus.New)
            return false;
        return await db.InTransactionAsync(
            async () =>
            {
                await db.LockUntilCommitAsync(LockKey, ct);
                var caps = await db.Set<EngineerProfile>().AsNoTracking().ToDictionaryAsync(p => p.UserId, p => p.DailyCap, ct);
                var counts = await AssignedTodayAsync(caps, ct);
                var ranked = (await dispatch.SuggestAsync(orderId, ct))
                    .Where(s => s.Reasons.Any(r => r.Key == "Dispatch.Reason.Region"))
                    .ToList();
                var best = ranked.FirstOrDefault(s => counts.TryGetValue(s.UserId, out var c) ? c.Count < c.Cap : true);
                if (best is null)
                {
                    var why = ranked.Count == 0 ? t["Dispatch.Auto.NobodyInRegion", order.Region] : t["Dispatch.Auto.AllAtCap"];
                    orders.AddEvent(order, order.Status, t["Dispatch.Auto.ToPool", why]);
                    await notifier.NotifyAsync(
                        "AutoDispatchFailed",
                        await notifier.UsersInRolesAsync([Roles.Dispatcher], ct),
                        $"/service/{order.Id}",
                        [order.Number, why],
                        ct
                    );
                    await db.SaveChangesAsync(ct);
                    return false;
                }
                var note = t["Dispatch.Auto.Note", best.Name, best.Score, string.Join("; ", best.Reasons.Select(r => r.Text))];
                await moves.TransitionAsync(orderId, new TransitionRequest(WorkOrderStatus.Assigned, best.UserId, note), ct);
                return true;
            },
            ct
        );
    }

    /// <summary>Orders each engineer got today (company time) and his cap, counted by the database.</summary>
    private async Task<Dictionary<Guid, (int Count, int Cap)>> AssignedTodayAsync(Dictionary<Guid, int> caps, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var local = company.ToLocal(now);
        var start = now - (local - local.Date);
        var counts = await db.Set<WorkOrder>()
            .Where(w => w.AssigneeId != null && w.AssignedAtUtc >= start)
            .GroupBy(w => w.AssigneeId!.Value)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        return caps.ToDictionary(c => c.Key, c => (counts.GetValueOrDefault(c.Key), c.Value));
    }
}
