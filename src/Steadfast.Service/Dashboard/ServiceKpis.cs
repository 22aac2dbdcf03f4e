using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Steadfast.Platform.Data;
using Steadfast.Service.Surveys;
using Steadfast.Service.WorkOrders;

namespace Steadfast.Service.Dashboard;

public sealed record KpiFilter(DateOnly From, DateOnly To, string? Region, string? ProductCategory);

public sealed record ServiceKpiDto(
    int Reported, int Resolved, int Open,
    double? FirstResponseMinutesMean,
    double? ResolutionMinutesMean, double? ResolutionMinutesMedian,
    double? FirstTimeFixRate, double? ReworkRate,
    double? FirstResponseCompliance, double? ArrivalCompliance, double? ResolutionCompliance,
    double? CsatMean, double? Nps, int Surveys,
    double? CostPerService,
    BacklogDto Backlog,
    IReadOnlyList<TrendPoint> Trend, bool TrendByMonth,
    IReadOnlyList<EngineerKpi> Engineers,
    IReadOnlyList<FaultKpi> TopFaults);

public sealed record BacklogDto(int UnderOneDay, int OneToThreeDays, int ThreeToSevenDays, int SevenToThirtyDays, int OverThirtyDays);
/// <summary>Period is yyyyMM when by month, yyyyMMdd when by day.</summary>
public sealed record TrendPoint(int Period, int Reported, int Resolved, double? ResolutionHoursMean, int Breached);
public sealed record EngineerKpi(Guid UserId, string Name, int Resolved, double? CsatMean, double LabourHours);
public sealed record FaultKpi(string ProductCategory, string Category, int Count);

/// <summary>
/// The service dashboard's numbers. Every figure is an aggregate the database computes (COUNT, AVG,
/// GROUP BY) over columns the order keeps as it moves; no work order is loaded into memory.
/// </summary>
internal sealed class ServiceKpis(IServiceScopeFactory scopes, TimeProvider clock, IMemoryCache cache)
{
    /// <summary>How long a computed dashboard is reused: several managers opening it at once cost one computation.</summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(60);

    public async Task<ServiceKpiDto> ComputeAsync(KpiFilter f, CancellationToken ct) =>
        (await cache.GetOrCreateAsync(("service-kpis", f), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheFor;
            return await ComputeNowAsync(f, ct);
        }))!;

    /// <summary>The filtered orders of one aggregate, on a context of its own so the aggregates run side by side.</summary>
    private sealed record Slice(AppDbContext Db, IQueryable<WorkOrder> Scoped, IQueryable<WorkOrder> Period);

    private async Task<T> OnAsync<T>(KpiFilter f, Func<Slice, Task<T>> query)
    {
        await using var scope = scopes.CreateAsyncScope();
        var ctx = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var (from, to) = (WorkOrderService.Day(f.From), WorkOrderService.Day(f.To));
        var scoped = ctx.Set<WorkOrder>().AsNoTracking().AsQueryable();
        if (!string.IsNullOrWhiteSpace(f.Region)) scoped = scoped.Where(w => w.Region == f.Region);
        if (!string.IsNullOrWhiteSpace(f.ProductCategory)) scoped = scoped.Where(w => w.ProductCategory == f.ProductCategory);
        return await query(new Slice(ctx, scoped, scoped.Where(w => w.ReportedDay >= from && w.ReportedDay <= to && w.Status != WorkOrderStatus.Cancelled)));
    }

    private async Task<ServiceKpiDto> ComputeNowAsync(KpiFilter f, CancellationToken ct)
    {
        // Each aggregate scans the period once; they are independent, so they run in parallel on separate connections.
        var totalsTask = OnAsync(f, x => x.Period.GroupBy(w => 1).Select(g => new
        {
            Reported = g.Count(),
            Resolved = g.Count(w => w.ResolutionMinutes != null),
            Open = g.Count(w => w.Status != WorkOrderStatus.Closed),
            FirstResponse = g.Average(w => (double?)w.FirstResponseMinutes),
            Resolution = g.Average(w => (double?)w.ResolutionMinutes),
            FirstTimeFix = g.Count(w => w.ResolutionMinutes != null && w.VisitCount <= 1 && w.ReopenCount == 0 && !w.HasRework),
            Repairs = g.Count(w => w.Type == WorkOrderType.Repair),
            Rework = g.Count(w => w.Type == WorkOrderType.Repair && w.ReworkOfId != null),
            FrMet = g.Count(w => w.FirstResponseBreached == false), FrDecided = g.Count(w => w.FirstResponseBreached != null),
            ArMet = g.Count(w => w.ArrivalBreached == false), ArDecided = g.Count(w => w.ArrivalBreached != null),
            ResMet = g.Count(w => w.ResolutionBreached == false), ResDecided = g.Count(w => w.ResolutionBreached != null),
            Cost = g.Average(w => w.ResolutionMinutes != null ? (double?)(w.LabourCost + w.TravelCost + w.PartsCost) : null),
        }).FirstOrDefaultAsync(ct));

        // The exact median from a histogram the database counts: one row per distinct duration, no sort of the orders.
        var medianTask = OnAsync(f, async x =>
        {
            var histogram = await x.Period.Where(w => w.ResolutionMinutes != null).GroupBy(w => w.ResolutionMinutes!.Value)
                .Select(g => new { Minutes = g.Key, Count = g.Count() }).ToListAsync(ct);
            return Median([.. histogram.Select(h => (h.Minutes, h.Count))]);
        });

        var answersTask = OnAsync(f, x => (from s in x.Db.Set<Survey>() join w in x.Period on s.WorkOrderId equals w.Id select s).GroupBy(s => 1).Select(g => new
        {
            Count = g.Count(), Csat = g.Average(s => (double)s.Csat), Promoters = g.Count(s => s.Nps >= 9), Detractors = g.Count(s => s.Nps <= 6),
        }).FirstOrDefaultAsync(ct));

        var now = clock.GetUtcNow().UtcDateTime;
        var (d1, d3, d7, d30) = (now.AddDays(-1), now.AddDays(-3), now.AddDays(-7), now.AddDays(-30));
        var backlogTask = OnAsync(f, async x => await x.Scoped.Where(w => w.Status < WorkOrderStatus.Resolved)
            .GroupBy(w => 1).Select(g => new BacklogDto(
                g.Count(w => w.ReportedAtUtc >= d1), g.Count(w => w.ReportedAtUtc < d1 && w.ReportedAtUtc >= d3), g.Count(w => w.ReportedAtUtc < d3 && w.ReportedAtUtc >= d7),
                g.Count(w => w.ReportedAtUtc < d7 && w.ReportedAtUtc >= d30), g.Count(w => w.ReportedAtUtc < d30))).FirstOrDefaultAsync(ct) ?? new BacklogDto(0, 0, 0, 0, 0));

        var byMonth = f.To.DayNumber - f.From.DayNumber > 62;
        var trendTask = OnAsync(f, async x =>
        {
            var rows = byMonth
                ? await x.Period.GroupBy(w => w.ReportedDay / 100).Select(g => new { Period = g.Key, Reported = g.Count(), Resolved = g.Count(w => w.ResolutionMinutes != null),
                    Mean = g.Average(w => (double?)w.ResolutionMinutes), Breached = g.Count(w => w.SlaBreached) }).ToListAsync(ct)
                : await x.Period.GroupBy(w => w.ReportedDay).Select(g => new { Period = g.Key, Reported = g.Count(), Resolved = g.Count(w => w.ResolutionMinutes != null),
                    Mean = g.Average(w => (double?)w.ResolutionMinutes), Breached = g.Count(w => w.SlaBreached) }).ToListAsync(ct);
            return rows.OrderBy(r => r.Period).Select(r => new TrendPoint(r.Period, r.Reported, r.Resolved, r.Mean / 60, r.Breached)).ToList();
        });

        var engineersTask = OnAsync(f, async x =>
        {
            var throughput = await x.Period.Where(w => w.ResolutionMinutes != null && w.AssigneeId != null).GroupBy(w => w.AssigneeId!.Value)
                .Select(g => new { Id = g.Key, Count = g.Count(), Hours = g.Sum(w => w.LabourHours) }).OrderByDescending(e => e.Count).Take(10).ToListAsync(ct);
            var ids = throughput.Select(e => e.Id).ToList();
            var ratings = await (from s in x.Db.Set<Survey>() join w in x.Period on s.WorkOrderId equals w.Id where ids.Contains(w.AssigneeId!.Value)
                                 group s by w.AssigneeId into g select new { Id = g.Key!.Value, Csat = g.Average(s => (double)s.Csat) }).ToDictionaryAsync(e => e.Id, e => e.Csat, ct);
            var names = await x.Db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
            return throughput.Select(e => new EngineerKpi(e.Id, names.GetValueOrDefault(e.Id) ?? "", e.Count, ratings.TryGetValue(e.Id, out var c) ? c : null, e.Hours)).ToList();
        });

        var faultsTask = OnAsync(f, async x => (await x.Period.GroupBy(w => new { w.ProductCategory, w.Category }).Select(g => new { g.Key.ProductCategory, g.Key.Category, Count = g.Count() })
            .OrderByDescending(e => e.Count).Take(10).ToListAsync(ct)).Select(e => new FaultKpi(e.ProductCategory, e.Category, e.Count)).ToList());

        await Task.WhenAll(totalsTask, medianTask, answersTask, backlogTask, trendTask, engineersTask, faultsTask);
        var (totals, answers) = (await totalsTask, await answersTask);
        static double? Rate(int part, int whole) => whole == 0 ? null : (double)part / whole;
        return new ServiceKpiDto(
            totals?.Reported ?? 0, totals?.Resolved ?? 0, totals?.Open ?? 0,
            totals?.FirstResponse, totals?.Resolution, await medianTask,
            Rate(totals?.FirstTimeFix ?? 0, totals?.Resolved ?? 0), Rate(totals?.Rework ?? 0, totals?.Repairs ?? 0),
            Rate(totals?.FrMet ?? 0, totals?.FrDecided ?? 0), Rate(totals?.ArMet ?? 0, totals?.ArDecided ?? 0), Rate(totals?.ResMet ?? 0, totals?.ResDecided ?? 0),
            answers?.Csat, answers is { Count: > 0 } a ? 100.0 * (a.Promoters - a.Detractors) / a.Count : null, answers?.Count ?? 0,
            totals?.Cost, await backlogTask, await trendTask, byMonth, await engineersTask, await faultsTask);
    }

    /// <summary>The median of values given as (value, how many times): the middle one, or the mean of the two middle ones.</summary>
    public static double? Median(IReadOnlyList<(int Value, int Count)> histogram)
    {
        var n = histogram.Sum(h => (long)h.Count);
        if (n == 0) return null;
        var sorted = histogram.OrderBy(h => h.Value).ToList();
        int At(long index)
        {
            long seen = 0;
            foreach (var (value, count) in sorted)
            {
                seen += count;
                if (index < seen) return value;
            }
            return sorted[^1].Value;
        }
        return n % 2 == 1 ? At(n / 2) : (At(n / 2 - 1) + At(n / 2)) / 2.0;
    }
}
