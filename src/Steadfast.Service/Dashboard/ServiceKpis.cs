using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Steadfast.Platform.Data;
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

    /// <remarks>
    /// On a thread of its own: SQLite's driver runs "async" queries synchronously, so without Task.Run the
    /// aggregates ran one after another on the request's thread (1.24 s of statements, serial, at a million orders).
    /// </remarks>
    private Task<T> OnAsync<T>(KpiFilter f, Func<Slice, Task<T>> query) => Task.Run(() => OnThisThreadAsync(f, query));

    private async Task<T> OnThisThreadAsync<T>(KpiFilter f, Func<Slice, Task<T>> query)
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
        // Totals and the trend are one pass: sums and counts per month (or day), added up here for the period.
        var byMonth = f.To.DayNumber - f.From.DayNumber > 62;
        var periodsTask = OnAsync(f, x => x.Period.GroupBy(w => byMonth ? w.ReportedDay / 100 : w.ReportedDay).Select(g => new PeriodSums
        {
            Period = g.Key,
            Reported = g.Count(),
            Resolved = g.Count(w => w.ResolutionMinutes != null),
            Open = g.Count(w => w.Status != WorkOrderStatus.Closed),
            FirstResponseSum = g.Sum(w => (long?)w.FirstResponseMinutes) ?? 0, FirstResponseCount = g.Count(w => w.FirstResponseMinutes != null),
            ResolutionSum = g.Sum(w => (long?)w.ResolutionMinutes) ?? 0,
            FirstTimeFix = g.Count(w => w.ResolutionMinutes != null && w.VisitCount <= 1 && w.ReopenCount == 0 && !w.HasRework),
            Repairs = g.Count(w => w.Type == WorkOrderType.Repair),
            Rework = g.Count(w => w.Type == WorkOrderType.Repair && w.ReworkOfId != null),
            FrMet = g.Count(w => w.FirstResponseBreached == false), FrDecided = g.Count(w => w.FirstResponseBreached != null),
            ArMet = g.Count(w => w.ArrivalBreached == false), ArDecided = g.Count(w => w.ArrivalBreached != null),
            ResMet = g.Count(w => w.ResolutionBreached == false), ResDecided = g.Count(w => w.ResolutionBreached != null),
            CostSum = g.Sum(w => w.ResolutionMinutes != null ? w.LabourCost + w.TravelCost + w.PartsCost : 0),
            Breached = g.Count(w => w.SlaBreached),
            Surveys = g.Count(w => w.Csat != null), CsatSum = g.Sum(w => (long?)w.Csat) ?? 0,
            Promoters = g.Count(w => w.Nps >= 9), Detractors = g.Count(w => w.Nps <= 6),
        }).ToListAsync(ct));

        // The exact median from a histogram the database counts: one row per distinct duration, no sort of the orders.
        var medianTask = OnAsync(f, async x =>
        {
            var histogram = await x.Period.Where(w => w.ResolutionMinutes != null).GroupBy(w => w.ResolutionMinutes!.Value)
                .Select(g => new { Minutes = g.Key, Count = g.Count() }).ToListAsync(ct);
            return Median([.. histogram.Select(h => (h.Minutes, h.Count))]);
        });

        var now = clock.GetUtcNow().UtcDateTime;
        var (d1, d3, d7, d30) = (now.AddDays(-1), now.AddDays(-3), now.AddDays(-7), now.AddDays(-30));
        var backlogTask = OnAsync(f, async x => await x.Scoped.Where(w => w.Status < WorkOrderStatus.Resolved)
            .GroupBy(w => 1).Select(g => new BacklogDto(
                g.Count(w => w.ReportedAtUtc >= d1), g.Count(w => w.ReportedAtUtc < d1 && w.ReportedAtUtc >= d3), g.Count(w => w.ReportedAtUtc < d3 && w.ReportedAtUtc >= d7),
                g.Count(w => w.ReportedAtUtc < d7 && w.ReportedAtUtc >= d30), g.Count(w => w.ReportedAtUtc < d30))).FirstOrDefaultAsync(ct) ?? new BacklogDto(0, 0, 0, 0, 0));

        var engineersTask = OnAsync(f, async x =>
        {
            var throughput = await x.Period.Where(w => w.ResolutionMinutes != null && w.AssigneeId != null).GroupBy(w => w.AssigneeId!.Value)
                .Select(g => new { Id = g.Key, Count = g.Count(), Hours = g.Sum(w => w.LabourHours), Csat = g.Average(w => (double?)w.Csat) }).OrderByDescending(e => e.Count).Take(10).ToListAsync(ct);
            var ids = throughput.Select(e => e.Id).ToList();
            var names = await x.Db.Users.Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName }).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
            return throughput.Select(e => new EngineerKpi(e.Id, names.GetValueOrDefault(e.Id) ?? "", e.Count, e.Csat, e.Hours)).ToList();
        });

        var faultsTask = OnAsync(f, async x => (await x.Period.GroupBy(w => new { w.ProductCategory, w.Category }).Select(g => new { g.Key.ProductCategory, g.Key.Category, Count = g.Count() })
            .OrderByDescending(e => e.Count).Take(10).ToListAsync(ct)).Select(e => new FaultKpi(e.ProductCategory, e.Category, e.Count)).ToList());

        await Task.WhenAll(periodsTask, medianTask, backlogTask, engineersTask, faultsTask);
        var periods = await periodsTask;
        long Sum(Func<PeriodSums, long> part) => periods.Sum(part);
        static double? Rate(long part, long whole) => whole == 0 ? null : (double)part / whole;
        static double? Mean(long sum, long count) => count == 0 ? null : (double)sum / count;
        var (reported, resolved, surveys) = ((int)Sum(p => p.Reported), (int)Sum(p => p.Resolved), Sum(p => p.Surveys));
        var trend = periods.OrderBy(p => p.Period).Select(p => new TrendPoint(p.Period, p.Reported, p.Resolved, Mean(p.ResolutionSum, p.Resolved) / 60, p.Breached)).ToList();
        return new ServiceKpiDto(
            reported, resolved, (int)Sum(p => p.Open),
            Mean(Sum(p => p.FirstResponseSum), Sum(p => p.FirstResponseCount)), Mean(Sum(p => p.ResolutionSum), resolved), await medianTask,
            Rate(Sum(p => p.FirstTimeFix), resolved), Rate(Sum(p => p.Rework), Sum(p => p.Repairs)),
            Rate(Sum(p => p.FrMet), Sum(p => p.FrDecided)), Rate(Sum(p => p.ArMet), Sum(p => p.ArDecided)), Rate(Sum(p => p.ResMet), Sum(p => p.ResDecided)),
            Mean(Sum(p => p.CsatSum), surveys), surveys == 0 ? null : 100.0 * (Sum(p => p.Promoters) - Sum(p => p.Detractors)) / surveys, (int)surveys,
            Mean(Sum(p => p.CostSum), resolved), await backlogTask, trend, byMonth, await engineersTask, await faultsTask);
    }

    /// <summary>One month's or day's sums and counts; means are taken after adding periods up, so they weigh every order once.</summary>
    private sealed class PeriodSums
    {
        public int Period { get; init; }
        public int Reported { get; init; }
        public int Resolved { get; init; }
        public int Open { get; init; }
        public long FirstResponseSum { get; init; }
        public int FirstResponseCount { get; init; }
        public long ResolutionSum { get; init; }
        public int FirstTimeFix { get; init; }
        public int Repairs { get; init; }
        public int Rework { get; init; }
        public int FrMet { get; init; }
        public int FrDecided { get; init; }
        public int ArMet { get; init; }
        public int ArDecided { get; init; }
        public int ResMet { get; init; }
        public int ResDecided { get; init; }
        public long CostSum { get; init; }
        public int Breached { get; init; }
        public int Surveys { get; init; }
        public long CsatSum { get; init; }
        public int Promoters { get; init; }
        public int Detractors { get; init; }
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
