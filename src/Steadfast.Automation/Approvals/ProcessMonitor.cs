using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Steadfast.Automation.Rules;
using Steadfast.Automation.Tasks;
using Steadfast.Platform.Api;
using Steadfast.Platform.Automation;
using Steadfast.Platform.Data;
using Steadfast.Platform.Localization;
using TaskStatus = Steadfast.Automation.Tasks.TaskStatus;

namespace Steadfast.Automation.Approvals;

/// <summary>
/// Where processes hold things up: per approval step and per task-making rule, what waits now and how long the finished
/// ones took (median, p90). Counted in the database; a percentile is one ordered, indexed read per step.
/// </summary>
internal sealed class ProcessMonitor(AppDbContext db, IStringLocalizer<Strings> t, TimeProvider clock)
{
    public const int MaxDays = 365;

    public async Task<MonitorDto> GetAsync(int days, CancellationToken ct)
    {
        if (days is < 1 or > MaxDays)
            throw AppValidationException.For("days", t["Common.Error.Range", 1, MaxDays]);
        var now = clock.GetUtcNow().UtcDateTime;
        var since = now.AddDays(-days);
        var open = await db.Set<Approval>()
            .Where(a => a.Status == ApprovalStatus.Pending)
            .GroupBy(a => new { a.ProcessId, a.StepIndex })
            .Select(g => new
            {
                g.Key.ProcessId,
                g.Key.StepIndex,
                Open = g.Count(),
                Overdue = g.Count(a => a.StepDueAtUtc != null && a.StepDueAtUtc < now),
                Oldest = g.Min(a => a.StepStartedAtUtc),
            })
            .ToListAsync(ct);
        var finished = await db.Set<ApprovalStepTime>()
            .Where(s => s.EndedAtUtc >= since && s.WorkingMinutes != null)
            .GroupBy(s => new { s.ProcessId, s.StepIndex })
            .Select(g => new
            {
                g.Key.ProcessId,
                g.Key.StepIndex,
                Count = g.Count(),
            })
            .ToListAsync(ct);
        var processes = await db.Set<ApprovalProcess>()
            .AsNoTracking()
            .Select(p => new
            {
                p.Id,
                p.Name,
                p.Definition,
            })
            .ToListAsync(ct);
        var keys = open.Select(o => (o.ProcessId, o.StepIndex)).Union(finished.Select(f => (f.ProcessId, f.StepIndex))).ToList();
        var steps = new List<StepStats>();
        foreach (var (processId, stepIndex) in keys)
        {
            var p = processes.FirstOrDefault(x => x.Id == processId);
            var def = p is null ? null : ProcessDefinition.FromJson(p.Definition);
            var o = open.FirstOrDefault(x => x.ProcessId == processId && x.StepIndex == stepIndex);
            var f = finished.FirstOrDefault(x => x.ProcessId == processId && x.StepIndex == stepIndex);
            var n = f?.Count ?? 0;
            var times = db.Set<ApprovalStepTime>()
                .Where(s => s.ProcessId == processId && s.StepIndex == stepIndex && s.EndedAtUtc >= since && s.WorkingMinutes != null)
                .Select(s => s.WorkingMinutes!.Value);
            steps.Add(
                new StepStats(
                    processId,
                    p?.Name ?? "?",
                    stepIndex + 1,
                    def is not null && stepIndex < def.Steps.Count ? def.Steps[stepIndex].Name : $"#{stepIndex + 1}",
                    o?.Open ?? 0,
                    o?.Overdue ?? 0,
                    o?.Oldest,
                    n,
                    await PercentileAsync(times, n, 0.5, ct),
                    await PercentileAsync(times, n, 0.9, ct),
                    false
                )
            );
        }
        steps = Mark(steps, s => s.MedianHours, s => s with { Bottleneck = true });
        var rules = await RulesAsync(since, now, ct);
        return new MonitorDto(days, [.. steps.OrderBy(s => s.ProcessName, StringComparer.CurrentCulture).ThenBy(s => s.StepIndex)], rules);
    }

    private async Task<List<RuleTaskStats>> RulesAsync(DateTime since, DateTime now, CancellationToken ct)
    {
        var byRule = await db.Set<WorkTask>()
            .Where(x => x.RuleId != null && (x.Status == TaskStatus.Open || x.CompletedAtUtc >= since))
            .GroupBy(x => x.RuleId!.Value)
            .Select(g => new
            {
                RuleId = g.Key,
                Open = g.Count(x => x.Status == TaskStatus.Open),
                Overdue = g.Count(x => x.Status == TaskStatus.Open && x.DueAtUtc != null && x.DueAtUtc < now),
                Done = g.Count(x => x.Status == TaskStatus.Done && x.CompletedAtUtc >= since),
            })
            .ToListAsync(ct);
        var ids = byRule.Select(r => r.RuleId).ToList();
        var names = await db.Set<Rule>().Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Name, ct);
        var list = new List<RuleTaskStats>();
        foreach (var r in byRule)
        {
            var times = db.Set<WorkTask>()
                .Where(x => x.RuleId == r.RuleId && x.Status == TaskStatus.Done && x.CompletedAtUtc >= since && x.MinutesOpen != null)
                .Select(x => x.MinutesOpen!.Value);
            list.Add(
                new RuleTaskStats(
                    r.RuleId,
                    names.GetValueOrDefault(r.RuleId) ?? "?",
                    r.Open,
                    r.Overdue,
                    r.Done,
                    await PercentileAsync(times, r.Done, 0.5, ct),
                    await PercentileAsync(times, r.Done, 0.9, ct),
                    false
                )
            );
        }
        return Mark(list, s => s.MedianHours, s => s with { Bottleneck = true }).OrderByDescending(r => r.Open).ToList();
    }

    /// <summary>The nearest-rank percentile of minutes, in hours: the value at that rank of the ordered set, read alone.</summary>
    private static async Task<double?> PercentileAsync(IQueryable<int> minutes, int count, double p, CancellationToken ct)
    {
        if (count == 0)
            return null;
        var rank = Math.Clamp((int)Math.Ceiling(p * count) - 1, 0, count - 1);
        var value = await minutes.OrderBy(m => m).Skip(rank).FirstOrDefaultAsync(ct);
        return Math.Round(value / 60.0, 1);
    }

    /// <summary>The slowest by median, when at least two are compared and it is slower than the rest.</summary>
    private static List<T> Mark<T>(List<T> items, Func<T, double?> median, Func<T, T> marked)
    {
        var ranked = items.Where(i => median(i) is > 0).OrderByDescending(median).ToList();
        if (ranked.Count < 2 || median(ranked[0]) == median(ranked[1]))
            return items;
        return [.. items.Select(i => ReferenceEquals(i, ranked[0]) ? marked(i) : i)];
    }
}
