using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Steadfast.Platform.Api;
using Steadfast.Platform.Audit;
using Steadfast.Platform.Data;
using Steadfast.Platform.Identity;
using Steadfast.Platform.Localization;
using Steadfast.Service.WorkOrders;

namespace Steadfast.Service.Dispatch;

/// <summary>Who should go: ranked suggestions with reasons, automatic assignment, and the pool engineers grab from.</summary>
internal sealed class DispatchService(
    AppDbContext db,
    WorkOrderService orders,
    WorkOrderMoves moves,
    CurrentActor actor,
    TimeProvider clock,
    Customers.Public.CustomerDirectory customers,
    ConfigCache config,
    IStringLocalizer<Strings> t
)
{
    public async Task<List<SuggestionDto>> SuggestAsync(Guid workOrderId, CancellationToken ct)
    {
        var order = await orders.FindAsync(workOrderId, ct);
        var ranked = DispatchRanker.Rank(order.Region, order.ProductCategory, order.Severity, await CandidatesAsync(ct));
        return
        [
            .. ranked.Select(r => new SuggestionDto(
                r.UserId,
                r.Name,
                r.Score,
                r.OpenOrders,
                [.. r.Reasons.Select(x => new ReasonDto(x.Key, t[x.Key, x.Arg].Value, x.Points))]
            )),
        ];
    }

    /// <summary>Manual assignment of a lead and helpers: the same move as the flow's "assigned", so the same rules hold.</summary>
    public Task<WorkOrderDto> AssignAsync(Guid workOrderId, AssignRequest input, CancellationToken ct) =>
        moves.TransitionAsync(
            workOrderId,
            new TransitionRequest(WorkOrderStatus.Assigned, input.AssigneeId, input.Reason, Version: input.Version)
            {
                HelperIds = input.HelperIds,
            },
            ct
        );

    /// <summary>Assigns the top-ranked engineer; the reasons go into the timeline.</summary>
    public async Task<WorkOrderDto> AutoAssignAsync(Guid workOrderId, CancellationToken ct)
    {
        var best = (await SuggestAsync(workOrderId, ct)).FirstOrDefault()
            ?? throw new AppConflictException(t["Dispatch.Error.NoEngineers"]);
        var why = t["Dispatch.AutoNote", best.Name, string.Join("; ", best.Reasons.Select(r => r.Text))];
        return await moves.TransitionAsync(workOrderId, new TransitionRequest(WorkOrderStatus.Assigned, best.UserId, why), ct);
    }

    /// <summary>Unassigned orders in the engineer's regions, when the pool is switched on.</summary>
    public async Task<List<WorkOrderDto>> PoolAsync(CancellationToken ct)
    {
        if (!await PoolEnabledAsync(ct))
            return [];
        var regions = await MyRegionsAsync(ct);
        return await orders.ProjectAsync(
            orders
                .Visible()
                .AsNoTracking()
                .Where(w => w.Status == WorkOrderStatus.New && w.AssigneeId == null && regions.Contains(w.Region))
                .OrderBy(w => w.ReportedAtUtc)
                .Take(50),
            ct
        );
    }

    /// <summary>
    /// An engineer takes an order from the pool. Two engineers grabbing at once: the version check lets
    /// exactly one win; the other gets 409.
    /// </summary>
    public async Task<WorkOrderDto> GrabAsync(Guid workOrderId, CancellationToken ct)
    {
        if (!await PoolEnabledAsync(ct))
            throw new AppConflictException(t["Dispatch.Error.PoolOff"]);
        var order = await orders.FindAsync(workOrderId, ct);
        if (order.Status != WorkOrderStatus.New || order.AssigneeId is not null)
            throw new AppConflictException(t["Dispatch.Error.Taken"]);
        if (!(await MyRegionsAsync(ct)).Contains(order.Region))
            throw new AppConflictException(t["Dispatch.Error.NotYourRegion"]);
        var me = actor.UserId!.Value;
        var from = order.Status;
        order.Status = WorkOrderStatus.Assigned;
        order.AssigneeId = me;
        order.AssignedAtUtc = clock.GetUtcNow().UtcDateTime;
        orders.AddEvent(order, from, t["Dispatch.GrabNote"]);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new AppConflictException(t["Dispatch.Error.Taken"]);
        }
        return await orders.GetAsync(workOrderId, ct);
    }

    public async Task<List<EngineerDto>> EngineersAsync(CancellationToken ct)
    {
        var engineers = await EngineerUsers()
            .Select(u => new
            {
                u.Id,
                u.DisplayName,
                u.Email,
            })
            .ToListAsync(ct);
        var profiles = await db.Set<EngineerProfile>().AsNoTracking().ToDictionaryAsync(p => p.UserId, ct);
        var load = await LoadAsync(ct);
        return
        [
            .. engineers.Select(e =>
            {
                var p = profiles.GetValueOrDefault(e.Id);
                return new EngineerDto(
                    e.Id,
                    e.DisplayName,
                    e.Email ?? "",
                    p is null ? [] : EngineerProfile.Split(p.Regions),
                    p is null ? [] : EngineerProfile.Split(p.Skills),
                    p?.HourlyRate ?? WorkOrderMoves.DefaultHourlyRate,
                    load.GetValueOrDefault(e.Id),
                    p?.Version ?? 0
                )
                {
                    DailyCap = p?.DailyCap ?? EngineerProfile.DefaultDailyCap,
                };
            }),
        ];
    }

    public async Task<EngineerDto> SaveEngineerAsync(Guid userId, SaveEngineer input, CancellationToken ct)
    {
        if (!await EngineerUsers().AnyAsync(u => u.Id == userId, ct))
            throw new AppNotFoundException(t["Common.NotFound"]);
        var errors = new ValidationErrors();
        var regions = Clean(input.Regions);
        var skills = Clean(input.Skills);
        if (string.Join(",", regions).Length > 1000)
            errors.Add("regions", t["Common.Error.MaxLength", 1000]);
        if (string.Join(",", skills).Length > 1000)
            errors.Add("skills", t["Common.Error.MaxLength", 1000]);
        if (input.HourlyRate is < 0 or > 10_000_000)
            errors.Add("hourlyRate", t["Common.Error.Range", 0, 10_000_000]);
        if (input.DailyCap is < 1 or > 50)
            errors.Add("dailyCap", t["Common.Error.Range", 1, 50]);
        errors.ThrowIfAny();
        var p = await db.Set<EngineerProfile>().SingleOrDefaultAsync(x => x.UserId == userId, ct);
        if (p is null)
            db.Add(p = new EngineerProfile { UserId = userId });
        else if (input.Version is { } v)
            db.ExpectVersion(p, v);
        p.Regions = string.Join(",", regions);
        p.Skills = string.Join(",", skills);
        p.HourlyRate = input.HourlyRate ?? WorkOrderMoves.DefaultHourlyRate;
        p.DailyCap = input.DailyCap ?? p.DailyCap;
        await db.SaveChangesAsync(ct);
        return (await EngineersAsync(ct)).Single(e => e.UserId == userId);
    }

    public async Task<ServiceSettingsDto> SettingsAsync(CancellationToken ct)
    {
        var s = await db.Set<ServiceSettings>().AsNoTracking().SingleOrDefaultAsync(ct) ?? new ServiceSettings();
        return new ServiceSettingsDto(
            s.PoolEnabled,
            s.CheckInDistanceMeters,
            s.CallbackWorkingDays,
            s.Version,
            s.MaintenanceLeadDays,
            s.MaintenanceGroupDays
        );
    }

    public async Task<ServiceSettingsDto> SaveSettingsAsync(SaveServiceSettings input, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (input.CheckInDistanceMeters is < 10 or > 100_000)
            errors.Add("checkInDistanceMeters", t["Common.Error.Range", 10, 100_000]);
        if (input.CallbackWorkingDays is < 0 or > 30)
            errors.Add("callbackWorkingDays", t["Common.Error.Range", 0, 30]);
        if (input.MaintenanceLeadDays is < 1 or > 90)
            errors.Add("maintenanceLeadDays", t["Common.Error.Range", 1, 90]);
        if (input.MaintenanceGroupDays is < 0 or > 30)
            errors.Add("maintenanceGroupDays", t["Common.Error.Range", 0, 30]);
        errors.ThrowIfAny();
        var s = await db.Set<ServiceSettings>().SingleOrDefaultAsync(ct);
        if (s is null)
            db.Add(s = new ServiceSettings());
        else if (input.Version is { } v)
            db.ExpectVersion(s, v);
        s.PoolEnabled = input.PoolEnabled ?? s.PoolEnabled;
        s.CheckInDistanceMeters = input.CheckInDistanceMeters ?? s.CheckInDistanceMeters;
        s.CallbackWorkingDays = input.CallbackWorkingDays ?? s.CallbackWorkingDays;
        s.MaintenanceLeadDays = input.MaintenanceLeadDays ?? s.MaintenanceLeadDays;
        s.MaintenanceGroupDays = input.MaintenanceGroupDays ?? s.MaintenanceGroupDays;
        await db.SaveChangesAsync(ct);
        return await SettingsAsync(ct);
    }

    public Task<List<DispatchRuleDto>> RulesAsync(CancellationToken ct) =>
        db.Set<DispatchRule>()
            .AsNoTracking()
            .OrderBy(r => r.Region)
            .ThenBy(r => r.Severity)
            .Select(r => new DispatchRuleDto(r.Id, r.Region, r.Severity, r.Mode, r.Version))
            .ToListAsync(ct);

    /// <summary>Rules as intake reads them, from memory: every create asks.</summary>
    public Task<List<DispatchRule>> CachedRulesAsync(CancellationToken ct) =>
        config.GetAsync("dispatch-rules", () => db.Set<DispatchRule>().AsNoTracking().ToListAsync(ct));

    public async Task<DispatchRuleDto> SaveRuleAsync(Guid? id, SaveDispatchRule input, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var region = input.Region?.Trim() ?? "";
        if (region.Length > 0 && !(await customers.ProvincesAsync(ct)).Contains(region, StringComparer.Ordinal))
            errors.Add("region", t["Dispatch.Error.UnknownRegion", region]);
        if (input.Mode is null)
            errors.Add("mode", t["Common.Error.Required"]);
        errors.ThrowIfAny();
        var rule = id is { } existing
            ? await db.Set<DispatchRule>().SingleOrDefaultAsync(r => r.Id == existing, ct)
                ?? throw new AppNotFoundException(t["Common.NotFound"])
            : null;
        if (await db.Set<DispatchRule>().AnyAsync(r => r.Region == region && r.Severity == input.Severity && r.Id != id, ct))
            throw AppValidationException.For("region", t["Dispatch.Error.RuleExists"]);
        if (rule is null)
            db.Add(rule = new DispatchRule { Id = Guid.CreateVersion7() });
        else if (input.Version is { } v)
            db.ExpectVersion(rule, v);
        (rule.Region, rule.Severity, rule.Mode) = (region, input.Severity, input.Mode!.Value);
        await db.SaveChangesAsync(ct);
        return new DispatchRuleDto(rule.Id, rule.Region, rule.Severity, rule.Mode, rule.Version);
    }

    public async Task DeleteRuleAsync(Guid id, CancellationToken ct)
    {
        var rule = await db.Set<DispatchRule>().SingleOrDefaultAsync(r => r.Id == id, ct)
            ?? throw new AppNotFoundException(t["Common.NotFound"]);
        db.Remove(rule);
        await db.SaveChangesAsync(ct);
    }

    private async Task<List<Candidate>> CandidatesAsync(CancellationToken ct) =>
        [.. (await EngineersAsync(ct)).Select(e => new Candidate(e.UserId, e.Name, e.Regions, e.Skills, e.OpenOrders))];

    /// <summary>Open orders per engineer, counted by the database.</summary>
    private Task<Dictionary<Guid, int>> LoadAsync(CancellationToken ct) =>
        db.Set<WorkOrder>()
            .Where(w =>
                w.AssigneeId != null
                && w.Status != WorkOrderStatus.Closed
                && w.Status != WorkOrderStatus.Cancelled
                && w.Status != WorkOrderStatus.Resolved
            )
            .GroupBy(w => w.AssigneeId!.Value)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);

    private IQueryable<Platform.Identity.AppUser> EngineerUsers() => db.ActiveInRoles(Roles.Engineer).OrderBy(u => u.DisplayName);

    private async Task<bool> PoolEnabledAsync(CancellationToken ct) =>
        await db.Set<ServiceSettings>()
            .Where(s => s.Id == ServiceSettings.SingletonId)
            .Select(s => (bool?)s.PoolEnabled)
            .SingleOrDefaultAsync(ct)
        ?? false;

    private async Task<List<string>> MyRegionsAsync(CancellationToken ct)
    {
        var me = actor.UserId;
        var regions = await db.Set<EngineerProfile>().Where(p => p.UserId == me).Select(p => p.Regions).FirstOrDefaultAsync(ct) ?? "";
        return [.. EngineerProfile.Split(regions)];
    }

    private static List<string> Clean(IReadOnlyList<string>? list) =>
        [
            .. (list ?? [])
                .Select(x => x.Trim().Replace(",", "", StringComparison.Ordinal))
                .Where(x => x.Length > 0)
                .Distinct(StringComparer.Ordinal),
        ];
}
