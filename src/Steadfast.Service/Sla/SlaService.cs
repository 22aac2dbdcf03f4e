using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Steadfast.Platform.Api;
using Steadfast.Platform.Company;
using Steadfast.Platform.Data;
using Steadfast.Platform.Jobs;
using Steadfast.Platform.Localization;
using Steadfast.Service.WorkOrders;

namespace Steadfast.Service.Sla;

/// <summary>SLA policies, and the deadlines they put on each order: set at intake, paused for parts, met or breached.</summary>
internal sealed class SlaService(AppDbContext db, TimeProvider clock, ConfigCache config, IStringLocalizer<Strings> t)
{
    public const string DueKind = "sla";
    private const int MaxMinutes = 60 * 24 * 90;

    public Task<List<SlaPolicyDto>> ListAsync(CancellationToken ct) =>
        db.Set<SlaPolicy>()
            .AsNoTracking()
            .OrderByDescending(p => p.Severity)
            .ThenBy(p => p.CustomerTier)
            .ThenBy(p => p.Name)
            .Select(p => ToDto(p))
            .ToListAsync(ct);

    public async Task<SlaPolicyDto> GetAsync(Guid id, CancellationToken ct) =>
        ToDto(
            await db.Set<SlaPolicy>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct)
                ?? throw new AppNotFoundException(t["Common.NotFound"])
        );

    public async Task<SlaPolicyDto> SaveAsync(Guid? id, SaveSlaPolicy input, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(input.Name))
            errors.Add("name", t["Common.Error.Required"]);
        else if (input.Name.Trim().Length > 100)
            errors.Add("name", t["Common.Error.MaxLength", 100]);
        if (input.Severity is not { } severity || !Enum.IsDefined(severity))
            errors.Add("severity", t["Common.Error.Choice"]);
        if (input.CustomerTier is { } tier && tier is < 0 or > 2)
            errors.Add("customerTier", t["Common.Error.Choice"]);
        var level = input.ServiceLevel?.Trim().ToUpperInvariant() ?? "";
        if (!Public.ServiceLevels.IsValid(level))
            errors.Add("serviceLevel", t["Sla.Error.ServiceLevel"]);
        if (input.Clock is { } c && !Enum.IsDefined(c))
            errors.Add("clock", t["Common.Error.Choice"]);
        Minutes(input.FirstResponseMinutes, "firstResponseMinutes", errors);
        Minutes(input.ArrivalMinutes, "arrivalMinutes", errors);
        Minutes(input.ResolutionMinutes, "resolutionMinutes", errors);
        if (input.FirstResponseMinutes > input.ArrivalMinutes)
            errors.Add("arrivalMinutes", t["Sla.Error.Order"]);
        if (input.ArrivalMinutes > input.ResolutionMinutes)
            errors.Add("resolutionMinutes", t["Sla.Error.Order"]);
        if (input.WarnAtPercent is { } w && w is < 10 or > 99)
            errors.Add("warnAtPercent", t["Common.Error.Range", 10, 99]);
        if (input.SecondEscalationMinutes is { } e && e is < 1 or > MaxMinutes)
            errors.Add("secondEscalationMinutes", t["Common.Error.Range", 1, MaxMinutes]);
        errors.ThrowIfAny();
        SlaPolicy p;
        if (id is { } existing)
        {
            p = await db.Set<SlaPolicy>().SingleOrDefaultAsync(x => x.Id == existing, ct)
                ?? throw new AppNotFoundException(t["Common.NotFound"]);
            if (input.Version is { } v)
                db.ExpectVersion(p, v);
        }
        else
            db.Add(p = new SlaPolicy { Id = Guid.CreateVersion7() });
        p.Name = input.Name!.Trim();
        p.Severity = input.Severity!.Value;
        p.CustomerTier = input.CustomerTier;
        p.ServiceLevel = level;
        p.Clock = input.Clock ?? SlaClock.BusinessHours;
        (p.FirstResponseMinutes, p.ArrivalMinutes, p.ResolutionMinutes) = (
            input.FirstResponseMinutes!.Value,
            input.ArrivalMinutes!.Value,
            input.ResolutionMinutes!.Value
        );
        p.PauseWhileWaitingForParts = input.PauseWhileWaitingForParts ?? true;
        p.WarnAtPercent = input.WarnAtPercent ?? 80;
        p.SecondEscalationMinutes = input.SecondEscalationMinutes ?? 240;
        p.IsActive = input.IsActive ?? true;
        await db.SaveChangesAsync(ct);
        return ToDto(p);
    }

    /// <summary>A sensible starting set when there is none: stopped production around the clock, the rest in business hours.</summary>
    public async Task<List<SlaPolicyDto>> AddRecommendedAsync(CancellationToken ct)
    {
        if (await db.Set<SlaPolicy>().AnyAsync(ct))
            throw new AppConflictException(t["Sla.Error.HasPolicies"]);
        foreach (var (key, severity, tier, clk, first, arrive, resolve) in Recommended)
            db.Add(
                new SlaPolicy
                {
                    Id = Guid.CreateVersion7(),
                    Name = t[key],
                    Severity = severity,
                    CustomerTier = tier,
                    Clock = clk,
                    FirstResponseMinutes = first,
                    ArrivalMinutes = arrive,
                    ResolutionMinutes = resolve,
                }
            );
        await db.SaveChangesAsync(ct);
        return await ListAsync(ct);
    }

    internal static readonly (string Key, Severity Severity, int? Tier, SlaClock Clock, int First, int Arrive, int Resolve)[] Recommended =
    [
        ("Sla.Recommended.StoppedStrategic", Severity.StoppedProduction, 2, SlaClock.CalendarHours, 15, 4 * 60, 12 * 60),
        ("Sla.Recommended.Stopped", Severity.StoppedProduction, null, SlaClock.CalendarHours, 30, 8 * 60, 24 * 60),
        ("Sla.Recommended.Degraded", Severity.Degraded, null, SlaClock.BusinessHours, 2 * 60, 2 * 9 * 60, 3 * 9 * 60),
        ("Sla.Recommended.Question", Severity.Question, null, SlaClock.BusinessHours, 4 * 60, 5 * 9 * 60, 5 * 9 * 60),
    ];

    /// <summary>Puts the matching policy's deadlines on a new order and schedules its warnings and breaches.</summary>
    public async Task StartAsync(WorkOrder order, CancellationToken ct)
    {
        var active = await config.GetAsync("sla-policies", () => db.Set<SlaPolicy>().AsNoTracking().Where(p => p.IsActive).ToListAsync(ct));
        // The most specific policy wins (a contract's level, then a tier); the id's text breaks a tie the way both
        // databases order it.
        var policy = active
            .Where(p =>
                p.Severity == order.Severity
                && (p.CustomerTier == null || p.CustomerTier == order.CustomerTier)
                && (p.ServiceLevel.Length == 0 || p.ServiceLevel == order.ServiceLevel)
            )
            .OrderByDescending(p => p.ServiceLevel.Length > 0)
            .ThenByDescending(p => p.CustomerTier != null)
            .ThenBy(p => p.Id.ToString(), StringComparer.Ordinal)
            .FirstOrDefault();
        if (policy is null)
            return;
        var calendar = await BusinessCalendar.LoadAsync(db, config, ct);
        var from = order.ReportedAtUtc;
        order.SlaPolicyId = policy.Id;
        order.FirstResponseDueUtc = SlaMath.Due(calendar, policy.Clock, from, TimeSpan.FromMinutes(policy.FirstResponseMinutes));
        order.ArrivalDueUtc = SlaMath.Due(calendar, policy.Clock, from, TimeSpan.FromMinutes(policy.ArrivalMinutes));
        order.ResolutionDueUtc = SlaMath.Due(calendar, policy.Clock, from, TimeSpan.FromMinutes(policy.ResolutionMinutes));
        Schedule(db, order.Id, Enum.GetValues<SlaTarget>().Select(t => FirstStep(order, t, policy, calendar, from)));
    }

    /// <summary>Keeps the deadlines in step with a move: met targets are decided, parts pause the clock, a close stops it.</summary>
    public async Task OnMoveAsync(WorkOrder order, WorkOrderStatus from, WorkOrderStatus to, CancellationToken ct)
    {
        if (order.SlaPolicyId is not { } policyId)
            return;
        var now = clock.GetUtcNow().UtcDateTime;
        if (order.FirstResponseAtUtc is { } r)
            order.FirstResponseBreached ??= r > order.FirstResponseDueUtc;
        if (order.ArrivedAtUtc is { } a)
            order.ArrivalBreached ??= a > order.ArrivalDueUtc;
        if (to == WorkOrderStatus.Resolved && order.ResolvedAtUtc is { } done)
            order.ResolutionBreached ??= done > order.ResolutionDueUtc;

        var policy = await db.Set<SlaPolicy>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == policyId, ct);
        var stops = !WorkOrderFlow.IsOpen(to) || to == WorkOrderStatus.Resolved;
        if (to == WorkOrderStatus.WaitingForParts && policy?.PauseWhileWaitingForParts == true && order.ResolutionBreached is null)
        {
            order.SlaPausedAtUtc = now;
            await ReplanAsync(order, now, null, ct);
        }
        if (from == WorkOrderStatus.WaitingForParts && order.SlaPausedAtUtc is { } pausedAt && policy is not null)
        {
            var calendar = await BusinessCalendar.LoadAsync(db, config, ct);
            order.ResolutionDueUtc = SlaMath.Resume(calendar, policy.Clock, order.ResolutionDueUtc!.Value, pausedAt, now);
            order.SlaPausedAtUtc = null;
            if (!stops)
                await ReplanAsync(order, now, FirstStep(order, SlaTarget.Resolution, policy, calendar, now), ct);
        }
        if (stops)
            await CancelPlanAsync(order, now, ct);
    }

    /// <summary>The order's SLA items not yet worked or cancelled, under either shape of subject.</summary>
    private IQueryable<DueItem> PendingPlan(WorkOrder order)
    {
        var subjects = SlaPlan.Subjects(order.Id);
        return db.DueItems.Where(d =>
            d.Kind == DueKind && subjects.Contains(d.SubjectId) && d.ProcessedAtUtc == null && d.CancelledAtUtc == null
        );
    }

    private Task<int> CancelPlanAsync(WorkOrder order, DateTime now, CancellationToken ct) =>
        PendingPlan(order).ExecuteUpdateAsync(s => s.SetProperty(d => d.CancelledAtUtc, now), ct);

    /// <summary>
    /// The order's pending steps with the resolution clock's replaced by <paramref name="resolution"/> (none while paused), in one new
    /// item.
    /// </summary>
    private async Task ReplanAsync(WorkOrder order, DateTime now, SlaStep? resolution, CancellationToken ct)
    {
        var pending = await PendingPlan(order).AsNoTracking().ToListAsync(ct);
        var steps = new List<SlaStep>();
        foreach (var item in pending)
        {
            // An item a ticker has claimed is left to it (it checks each step against the order as it then is);
            // taking its steps here too would plan them twice. The condition is checked again in the UPDATE, so a
            // claim that lands between the read and here wins on either database.
            var taken = await PendingPlan(order)
                .Where(d => d.Id == item.Id && (d.LockedUntilUtc == null || d.LockedUntilUtc < now))
                .ExecuteUpdateAsync(x => x.SetProperty(d => d.CancelledAtUtc, now), ct);
            if (taken == 1)
                steps.AddRange(SlaPlan.Read(item).Steps.Where(s => s.Target != SlaTarget.Resolution));
        }
        if (resolution is not null)
            steps.Add(resolution);
        if (steps.Count > 0)
            Schedule(db, order.Id, steps);
    }

    public async Task<List<SlaClockDto>> ClocksAsync(WorkOrderDto order, CancellationToken ct)
    {
        if (order.SlaPolicyId is not { } policyId)
            return [];
        var policy = await db.Set<SlaPolicy>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == policyId, ct);
        if (policy is null)
            return [];
        var calendar = await BusinessCalendar.LoadAsync(db, config, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        SlaClockDto Make(SlaTarget target, DateTime? due, DateTime? met, bool? breached, int minutes, bool paused)
        {
            var at = met ?? (paused ? order.SlaPausedAt!.Value : now);
            return new SlaClockDto(
                target,
                due!.Value,
                met,
                breached,
                SlaMath.PercentUsed(calendar, policy.Clock, at, due.Value, TimeSpan.FromMinutes(minutes)),
                paused
            );
        }
        return
        [
            Make(
                SlaTarget.FirstResponse,
                order.FirstResponseDue,
                order.FirstResponseAt,
                order.FirstResponseBreached,
                policy.FirstResponseMinutes,
                false
            ),
            Make(SlaTarget.Arrival, order.ArrivalDue, order.ArrivedAt, order.ArrivalBreached, policy.ArrivalMinutes, false),
            Make(
                SlaTarget.Resolution,
                order.ResolutionDue,
                order.ResolvedAt,
                order.ResolutionBreached,
                policy.ResolutionMinutes,
                order.SlaPausedAt is not null
            ),
        ];
    }

    public static DateTime? DueOf(WorkOrder o, SlaTarget target) =>
        target switch
        {
            SlaTarget.FirstResponse => o.FirstResponseDueUtc,
            SlaTarget.Arrival => o.ArrivalDueUtc,
            _ => o.ResolutionDueUtc,
        };

    public static bool IsMet(WorkOrder o, SlaTarget target) =>
        target switch
        {
            SlaTarget.FirstResponse => o.FirstResponseAtUtc is not null,
            SlaTarget.Arrival => o.ArrivedAtUtc is not null,
            _ => o.ResolvedAtUtc is not null,
        };

    /// <summary>
    /// A target's first step only; the ticker plans the next as it works each one (<see cref="NextStep"/>),
    /// and a met target leaves nothing behind but its one pending step, which the ticker drops.
    /// </summary>
    private static SlaStep FirstStep(WorkOrder order, SlaTarget target, SlaPolicy policy, BusinessCalendar calendar, DateTime nowUtc)
    {
        var due = DueOf(order, target)!.Value;
        var minutes = target switch
        {
            SlaTarget.FirstResponse => policy.FirstResponseMinutes,
            SlaTarget.Arrival => policy.ArrivalMinutes,
            _ => policy.ResolutionMinutes,
        };
        var warnAt = SlaMath.WarnAt(calendar, policy.Clock, nowUtc, due, TimeSpan.FromMinutes(minutes), policy.WarnAtPercent);
        return warnAt < due ? new SlaStep(target, SlaStepKind.Warn, due, warnAt) : new SlaStep(target, SlaStepKind.Breach, due, due);
    }

    /// <summary>The step after one just worked: the breach after the warning, the second escalation after the breach.</summary>
    internal static SlaStep? NextStep(SlaStep done, SlaPolicy policy, BusinessCalendar calendar) =>
        done.Step switch
        {
            SlaStepKind.Warn => done with { Step = SlaStepKind.Breach, At = done.Due },
            SlaStepKind.Breach => done with
            {
                Step = SlaStepKind.Escalate,
                At = SlaMath.Due(calendar, policy.Clock, done.Due, TimeSpan.FromMinutes(policy.SecondEscalationMinutes)),
            },
            _ => null,
        };

    internal static void Schedule(AppDbContext db, Guid orderId, IEnumerable<SlaStep> steps)
    {
        var plan = new SlaPlan([.. steps.OrderBy(s => s.At)]);
        db.Schedule(DueKind, SlaPlan.Subject(orderId), plan.NextAt, plan);
    }

    private void Minutes(int? value, string field, ValidationErrors errors)
    {
        if (value is null)
            errors.Add(field, t["Common.Error.Required"]);
        else if (value is < 1 or > MaxMinutes)
            errors.Add(field, t["Common.Error.Range", 1, MaxMinutes]);
    }

    private static SlaPolicyDto ToDto(SlaPolicy p) =>
        new(
            p.Id,
            p.Name,
            p.Severity,
            p.CustomerTier,
            p.Clock,
            p.FirstResponseMinutes,
            p.ArrivalMinutes,
            p.ResolutionMinutes,
            p.PauseWhileWaitingForParts,
            p.WarnAtPercent,
            p.SecondEscalationMinutes,
            p.IsActive,
            p.Version,
            p.ServiceLevel
        );

    public static string FormatLocal(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo
            .ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone)
            .ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
