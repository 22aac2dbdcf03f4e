using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Steadfast.Customers.Public;
using Steadfast.Platform.Api;
using Steadfast.Platform.Data;
using Steadfast.Platform.Localization;
using Steadfast.Platform.Ui;
using Steadfast.Service.WorkOrders;

namespace Steadfast.Service.Maintenance;

/// <summary>
/// A machine's health (设备健康度): 100 less points for each reason, every reason shown: failures in the last 90 days above its
/// model's average, overdue maintenance, parts past their life, running hours since the last service, age; and the
/// recommendations the configurable rules give. The customer-value scores build on it.
/// </summary>
internal sealed class HealthService(
    AppDbContext db,
    CustomerDirectory customers,
    TimeProvider clock,
    CompanyClock company,
    IStringLocalizer<Strings> t
)
{
    public const int MaxRules = 30;
    private const long RulesLock = 0x4EA1_7B_0001;

    public async Task<HealthDto> MachineAsync(Guid machineId, CancellationToken ct)
    {
        var machine = await customers.MachineAsync(machineId, ct) ?? throw new AppNotFoundException(t["Common.NotFound"]);
        return await HealthAsync(machine, await RulesAsync(ct), ct);
    }

    /// <summary>Every machine of a customer (at one site, if asked), worst first: the site's health report.</summary>
    public async Task<List<HealthDto>> CustomerAsync(Guid customerId, string? site, CancellationToken ct)
    {
        if (!await customers.CanSeeCustomerAsync(customerId, ct))
            throw new AppNotFoundException(t["Common.NotFound"]);
        var rules = await RulesAsync(ct);
        var list = new List<HealthDto>();
        foreach (var m in await customers.MachinesOfAsync(customerId, ct))
            if (string.IsNullOrWhiteSpace(site) || m.SiteAddress == site.Trim())
                list.Add(await HealthAsync(m, rules, ct));
        return [.. list.OrderBy(h => h.Score)];
    }

    private async Task<HealthDto> HealthAsync(MachineFacts machine, List<HealthRule> rules, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(company.ToLocal(now));
        var since = now.AddDays(-90);
        var failures = await db.Set<WorkOrder>()
            .CountAsync(w => w.MachineId == machine.Id && w.Type == WorkOrderType.Repair && w.ReportedAtUtc >= since, ct);
        var models = customers.MachineIdsOfModels([machine.ProductId], null, null, null, null);
        var modelMachines = await models.CountAsync(ct);
        var modelFailures = await db.Set<WorkOrder>()
            .CountAsync(w => w.Type == WorkOrderType.Repair && w.ReportedAtUtc >= since && models.Contains(w.MachineId!.Value), ct);
        var average = modelMachines == 0 ? 0 : Math.Round((double)modelFailures / modelMachines, 2);
        var tasks = await db.Set<PlanTask>()
            .AsNoTracking()
            .Where(k => k.MachineId == machine.Id && k.Active)
            .Select(k => new
            {
                k.NextDueOn,
                k.LastDoneOn,
                k.LastDoneHours,
                k.EveryHours,
            })
            .ToListAsync(ct);
        var overdue = tasks.Count(k => k.NextDueOn < today);
        var pastLife = await db.Set<PartFitting>()
            .CountAsync(f => f.MachineId == machine.Id && f.RemovedOn == null && f.ExpectedEndOn < today, ct);
        var plan = await db.Set<MachinePlan>().AsNoTracking().FirstOrDefaultAsync(p => p.MachineId == machine.Id, ct);
        var installed = (await customers.PlanMachinesAsync(null, [machine.Id], Guid.Empty, 1, ct)).FirstOrDefault();
        double? hours = plan is { LastHours: { } h, LastReadOn: { } on }
            ? Math.Round(h + (plan.HoursPerDay ?? 0) * Math.Max(0, today.DayNumber - on.DayNumber))
            : installed?.LastHours;
        var lastService = tasks.Where(k => k.LastDoneOn is not null).OrderByDescending(k => k.LastDoneOn).FirstOrDefault();
        double? sinceService = hours is { } hh && lastService?.LastDoneHours is { } done ? Math.Max(0, hh - done) : null;
        var shortestHours = tasks.Where(k => k.EveryHours is not null).Select(k => k.EveryHours).DefaultIfEmpty().Min();
        var age = installed?.InstalledOn is { } i ? Math.Round((today.DayNumber - i.DayNumber) / 365.25, 1) : 0;

        var reasons = new List<HealthReason>();
        if (failures > average && failures > 0)
        {
            var points = (int)Math.Min(30, Math.Ceiling(10 * (failures - average)));
            reasons.Add(new("failures", points, t["Health.Failures", failures, average.ToString("0.##", CultureInfo.InvariantCulture)]));
        }
        if (overdue > 0)
            reasons.Add(new("overdue", Math.Min(30, 10 * overdue), t["Health.Overdue", overdue]));
        if (pastLife > 0)
            reasons.Add(new("parts", Math.Min(24, 8 * pastLife), t["Health.PastLife", pastLife]));
        if (sinceService is { } s && shortestHours is { } every && s > every)
            reasons.Add(new("hours", 10, t["Health.SinceService", s.ToString("N0", CultureInfo.InvariantCulture), every]));
        if (age > 8)
            reasons.Add(new("age", age > 12 ? 10 : 5, t["Health.Age", age.ToString("0.#", CultureInfo.InvariantCulture)]));
        var zh = CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal);
        var values = new Dictionary<HealthMetric, double>
        {
            [HealthMetric.Hours] = hours ?? 0,
            [HealthMetric.AgeYears] = age,
            [HealthMetric.Failures90] = failures,
            [HealthMetric.OverdueTasks] = overdue,
            [HealthMetric.PartsPastLife] = pastLife,
        };
        var advice = rules
            .Where(r => values[r.Metric] > r.Threshold)
            .Select(r => zh || r.TextEn.Length == 0 ? r.TextZh : r.TextEn)
            .ToList();
        return new HealthDto(
            machine.Id,
            machine.SerialNumber,
            machine.ProductName,
            machine.CustomerId,
            machine.CustomerName,
            machine.SiteAddress,
            Math.Max(0, 100 - reasons.Sum(r => r.Points)),
            reasons,
            advice,
            hours,
            age,
            failures,
            average,
            overdue,
            pastLife,
            sinceService,
            lastService?.LastDoneOn
        );
    }

    private Task<List<HealthRule>> RulesAsync(CancellationToken ct) =>
        db.Set<HealthRule>().AsNoTracking().OrderBy(r => r.Position).ToListAsync(ct);

    public async Task<List<HealthRuleDto>> RuleListAsync(CancellationToken ct) =>
        [.. (await RulesAsync(ct)).Select(r => new HealthRuleDto(r.Metric, r.Threshold, r.TextZh, r.TextEn))];

    /// <summary>Replaces the recommendation rules as a whole list.</summary>
    public async Task<List<HealthRuleDto>> SaveRulesAsync(SaveHealthRules input, CancellationToken ct)
    {
        if (input.Rules is null)
            throw AppValidationException.For("rules", t["Common.Error.Required"]);
        var list = input.Rules;
        var errors = new ValidationErrors();
        if (list.Count > MaxRules)
            errors.Add("rules", t["Maintenance.Error.TooMany", MaxRules]);
        for (var i = 0; i < list.Count && i < MaxRules; i++)
        {
            var r = list[i];
            if (r?.Metric is not { } m || !Enum.IsDefined(m))
                errors.Add($"rules[{i}].metric", t["Common.Error.Choice"]);
            if (r?.Threshold is not { } th || !double.IsFinite(th) || th < 0)
                errors.Add($"rules[{i}].threshold", t["Maintenance.Error.Number"]);
            if (string.IsNullOrWhiteSpace(r?.TextZh) || r.TextZh.Length > 300)
                errors.Add($"rules[{i}].textZh", t["Common.Error.MaxLength", 300]);
            if (r?.TextEn is { Length: > 300 })
                errors.Add($"rules[{i}].textEn", t["Common.Error.MaxLength", 300]);
        }
        errors.ThrowIfAny();
        await db.InTransactionAsync(
            async () =>
            {
                // Two replacements at once take turns: the second removes what the first wrote, never rows already gone.
                await db.LockUntilCommitAsync(RulesLock, ct);
                db.RemoveRange(await db.Set<HealthRule>().ToListAsync(ct));
                var position = 0;
                foreach (var r in list)
                    db.Add(
                        new HealthRule
                        {
                            Id = Guid.CreateVersion7(),
                            Metric = r.Metric!.Value,
                            Threshold = r.Threshold!.Value,
                            TextZh = r.TextZh!.Trim(),
                            TextEn = r.TextEn?.Trim() ?? "",
                            Position = position++,
                        }
                    );
                await db.SaveChangesAsync(ct);
                return true;
            },
            ct
        );
        return await RuleListAsync(ct);
    }
}
