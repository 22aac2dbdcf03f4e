using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Steadfast.Platform.Company;
using Steadfast.Platform.Data;
using Steadfast.Platform.Identity;
using Steadfast.Platform.Jobs;
using Steadfast.Platform.Notifications;
using Steadfast.Platform.Ui;
using Steadfast.Service.WorkOrders;

namespace Steadfast.Service.Sla;

/// <summary>
/// Works the SLA due items: a warning at the policy's percentage, the breach at the deadline (recorded,
/// escalated to the service managers), and the second escalation later (to admins and executives).
/// An order's steps share one due item (<see cref="SlaPlan"/>); working it plans the steps still to come.
/// </summary>
internal sealed class SlaTicker : IDueItemHandler
{
    public string Kind => SlaService.DueKind;

    /// <summary>
    /// The order's deadline as stored against the one the step was scheduled for. PostgreSQL keeps
    /// microseconds and the payload keeps .NET ticks, so "the same deadline" is equal to the millisecond.
    /// </summary>
    internal static bool SameInstant(DateTime? stored, DateTime scheduled) =>
        stored is { } s && Math.Abs((s - scheduled).Ticks) < TimeSpan.TicksPerMillisecond;

    public async Task HandleAsync(DueItem item, IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var plan = SlaPlan.Read(item);
        var id = Guid.Parse(item.SubjectId.Split(':')[0]);
        var order = await db.Set<WorkOrder>().SingleOrDefaultAsync(w => w.Id == id, ct);
        if (order is null || !WorkOrderFlow.IsOpen(order.Status))
            return;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var policy = await db.Set<SlaPolicy>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == order.SlaPolicyId, ct);
        var calendar = policy is null ? null : await BusinessCalendar.LoadAsync(db, services.GetRequiredService<ConfigCache>(), ct);
        var pending = new List<SlaStep>();
        foreach (var first in plan.Steps)
        {
            // Steps come due one after another; after a stop they are caught up in order here.
            for (
                SlaStep? step = first;
                step is not null && Live(order, step);
                step = policy is null ? null : SlaService.NextStep(step, policy, calendar!)
            )
            {
                if (step.At > now)
                {
                    pending.Add(step);
                    break;
                }
                await WorkAsync(db, services, order, step, now, ct);
            }
        }
        if (pending.Count > 0)
            SlaService.Schedule(db, order.Id, pending);
    }

    /// <summary>A step whose target is met, whose deadline has moved, or whose clock is paused does nothing.</summary>
    private static bool Live(WorkOrder order, SlaStep step) =>
        !SlaService.IsMet(order, step.Target)
        && SameInstant(SlaService.DueOf(order, step.Target), step.Due)
        && !(step.Target == SlaTarget.Resolution && order.SlaPausedAtUtc is not null);

    private static async Task WorkAsync(
        AppDbContext db,
        IServiceProvider services,
        WorkOrder order,
        SlaStep step,
        DateTime now,
        CancellationToken ct
    )
    {
        var notifier = services.GetRequiredService<Notifier>();
        var zone = services.GetRequiredService<CompanyClock>().Zone();
        var link = $"/service/{order.Id}";
        var target = $"@Sla.Target.{step.Target}";
        var due = SlaService.FormatLocal(step.Due, zone);
        var desk = await notifier.UsersInRolesAsync([Roles.Dispatcher], ct);
        var owner = order.AssigneeId is { } a ? [a] : desk;
        switch (step.Step)
        {
            case SlaStepKind.Warn:
                await notifier.NotifyAsync("SlaWarning", owner, link, [order.Number, target, order.Number, due], ct);
                break;
            case SlaStepKind.Breach:
                if (step.Target == SlaTarget.FirstResponse)
                    order.FirstResponseBreached = true;
                else if (step.Target == SlaTarget.Arrival)
                    order.ArrivalBreached = true;
                else
                    order.ResolutionBreached = true;
                if (!await db.Set<SlaBreach>().AnyAsync(b => b.WorkOrderId == order.Id && b.Target == step.Target, ct))
                    db.Add(
                        new SlaBreach
                        {
                            Id = Guid.CreateVersion7(),
                            WorkOrderId = order.Id,
                            Target = step.Target,
                            DueAtUtc = step.Due,
                            BreachedAtUtc = now,
                        }
                    );
                order.EscalationLevel = Math.Max(order.EscalationLevel, 1);
                await notifier.NotifyAsync("SlaBreached", [.. owner, .. desk], link, [order.Number, target, order.Number, due], ct);
                await notifier.NotifyAsync(
                    "Escalated",
                    await notifier.UsersInRolesAsync([Roles.ServiceManager], ct),
                    link,
                    [order.Number, "1", order.Number, target, due],
                    ct
                );
                AddNote(db, order, now, "@Sla.Event.Breached", step.Target);
                break;
            case SlaStepKind.Escalate:
                order.EscalationLevel = Math.Max(order.EscalationLevel, 2);
                await notifier.NotifyAsync(
                    "Escalated",
                    await notifier.UsersInRolesAsync([Roles.Admin, Roles.Executive], ct),
                    link,
                    [order.Number, "2", order.Number, target, due],
                    ct
                );
                AddNote(db, order, now, "@Sla.Event.Escalated", step.Target);
                break;
        }
    }

    /// <summary>A timeline line with no status change; the text is a string key so it reads in the viewer's language.</summary>
    private static void AddNote(AppDbContext db, WorkOrder order, DateTime now, string key, SlaTarget target) =>
        db.Add(
            new WorkOrderEvent
            {
                Id = Guid.CreateVersion7(),
                WorkOrderId = order.Id,
                AtUtc = now,
                From = order.Status,
                To = order.Status,
                ActorName = "Steadfast",
                Note = $"{key}|@Sla.Target.{target}",
            }
        );
}
