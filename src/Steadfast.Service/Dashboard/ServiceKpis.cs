using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Steadfast.Platform.Data;
using Steadfast.Service.WorkOrders;

namespace Steadfast.Service.Dashboard;

public sealed record KpiFilter(DateOnly From, DateOnly To, string? Region, string? ProductCategory);

public sealed record ServiceKpiDto(
    int Reported,
    int Resolved,
    int Open,
    double? FirstResponseMinutesMean,
    double? ResolutionMinutesMean,
    double? ResolutionMinutesMedian,
    double? CloseMinutesMean,
    int Complaints,
    double? ComplaintFirstResponseMinutesMean,
    double? GoodRate,
    double? FirstTimeFixRate,
    double? ReworkRate,
    double? FirstResponseCompliance,
    double? ArrivalCompliance,
    double? ResolutionCompliance,
    double? CsatMean,
    double? Nps,
    int Surveys,
    double? CostPerService,
    BacklogDto Backlog,
    IReadOnlyList<TrendPoint> Trend,
    bool TrendByMonth,
    IReadOnlyList<EngineerKpi> Engineers,
    IReadOnlyList<FaultKpi> TopFaults
);

public sealed record BacklogDto(int UnderOneDay, int OneToThreeDays, int ThreeToSevenDays, int SevenToThirtyDays, int OverThirtyDays);

/// <summary>Period is yyyyMM when by month, yyyyMMdd when by day.</summary>
public sealed record TrendPoint(int Period, int Reported, int Resolved, double? ResolutionHoursMean, int Breached);

/// <summary>GoodRate (好评率) is the share of the engineer's surveys at 4–5.</summary>
public sealed record EngineerKpi(
    Guid UserId,
    string Name,
    int Resolved,
    double? CsatMean,
    double? GoodRate,
    int Surveys,
    double LabourHours
);

public sealed record FaultKpi(string ProductCategory, string Category, int Count);

/// <summary>
/// The service dashboard's numbers. Every figure is an aggregate the database computes (COUNT, SUM,
/// GROUP BY) over columns the order keeps as it moves; no work order is loaded into memory. Months that
/// are over come from the roll-up (<see cref="KpiRollup"/>) where it is current, so a year adds up a few
/// thousand cells; the rest of the period is counted from the orders by the same query.
/// </summary>
internal sealed class ServiceKpis(IServiceScopeFactory scopes, TimeProvider clock, IMemoryCache cache)
{
    /// <summary>How long a computed dashboard is reused: several managers opening it at once cost one computation.</summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(60);

    /// <summary>Off, every day is counted from the orders: what the roll-up's figures are checked against.</summary>
    public bool UseRollup { get; init; } = true;

    public async Task<ServiceKpiDto> ComputeAsync(KpiFilter f, CancellationToken ct) =>
        (await cache.GetOrCreateAsync(("service-kpis", f), async entry =>
            {
                entry.AbsoluteExpirationRelativeToNow = CacheFor;
                return await ComputeNowAsync(f, ct);
            }))!;

    /// <summary>The filtered orders of one aggregate, on a context of its own so the aggregates run side by side.</summary>
    /// <param name="Period">Every order of the period.</param>
    /// <param name="Live">The orders of the period's days that the roll-up does not hold, one query per range of days.</param>
    private sealed record Slice(
        AppDbContext Db,
        IQueryable<WorkOrder> Scoped,
        IQueryable<WorkOrder> Period,
        IReadOnlyList<IQueryable<WorkOrder>> Live
    )
    {
        /// <summary>
        /// Cells of the live days, one statement per range, one after another (an OR of ranges made PostgreSQL read
        /// the table through a bitmap instead of the covering index alone), plus the
        /// stored cells of the rolled-up months under the same filters.
        /// </summary>
        public async Task<List<T>> CellsAsync<T>(
            Func<IQueryable<WorkOrder>, IQueryable<T>> live,
            KpiFilter f,
            HashSet<int> rolled,
            CancellationToken ct
        )
            where T : class, IKpiCellKey
        {
            var all = new List<T>();
            foreach (var range in Live)
                all.AddRange(await live(range).ToListAsync(ct));
            if (rolled.Count == 0)
                return all;
            var stored = Db.Set<T>().AsNoTracking().Where(c => rolled.Contains(c.Period));
            if (!string.IsNullOrWhiteSpace(f.Region))
                stored = stored.Where(c => c.Region == f.Region);
            if (!string.IsNullOrWhiteSpace(f.ProductCategory))
                stored = stored.Where(c => c.ProductCategory == f.ProductCategory);
            all.AddRange(await stored.ToListAsync(ct));
            return all;
        }
    }

    /// <summary>A range of report days (yyyyMMdd).</summary>
    private sealed record DayRange(int From, int To);

    /// <remarks>
    /// On a thread of its own: SQLite's driver runs "async" queries synchronously, so without Task.Run the
    /// aggregates ran one after another on the request's thread, and the page waited for their sum.
    /// </remarks>
    private Task<T> OnAsync<T>(KpiFilter f, IReadOnlyList<DayRange> live, Func<Slice, Task<T>> query) =>
        Task.Run(() => OnThisThreadAsync(f, live, query));

    private async Task<T> OnThisThreadAsync<T>(KpiFilter f, IReadOnlyList<DayRange> live, Func<Slice, Task<T>> query)
    {
        await using var scope = scopes.CreateAsyncScope();
        var ctx = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var (from, to) = (WorkOrderService.Day(f.From), WorkOrderService.Day(f.To));
        var scoped = ctx.Set<WorkOrder>().AsNoTracking().AsQueryable();
        if (!string.IsNullOrWhiteSpace(f.Region))
            scoped = scoped.Where(w => w.Region == f.Region);
        if (!string.IsNullOrWhiteSpace(f.ProductCategory))
            scoped = scoped.Where(w => w.ProductCategory == f.ProductCategory);
        var counted = scoped.Where(w => w.Status != WorkOrderStatus.Cancelled);
        return await query(
            new Slice(
                ctx,
                scoped,
                counted.Where(w => w.ReportedDay >= from && w.ReportedDay <= to),
                [.. live.Select(r => counted.Where(w => w.ReportedDay >= r.From && w.ReportedDay <= r.To))]
            )
        );
    }

    /// <summary>The period's days less the rolled-up months, as ranges of days.</summary>
    private static List<DayRange> LiveRanges(KpiFilter f, HashSet<int> rolled)
    {
        var ranges = new List<DayRange>();
        int? start = null;
        for (var d = f.From; d <= f.To; d = d.AddDays(1))
        {
            var isLive = !rolled.Contains(KpiRollup.Month(d));
            if (isLive)
                start ??= WorkOrderService.Day(d);
            if (start is { } s && (!isLive || d == f.To))
                ranges.Add(new DayRange(s, WorkOrderService.Day(isLive ? d : d.AddDays(-1))));
            if (!isLive)
                start = null;
        }
        return ranges;
    }

    private async Task<ServiceKpiDto> ComputeNowAsync(KpiFilter f, CancellationToken ct)
    {
        // Months wholly inside a long period and over come from the roll-up where it is current; every other day is
        // counted live. The aggregates are independent, so they run in parallel on separate connections.
        var byMonth = f.To.DayNumber - f.From.DayNumber > 62;
        var rolled = new HashSet<int>();
        if (byMonth && UseRollup)
        {
            var firstLive = KpiRollup.FirstLiveMonth(clock.GetUtcNow().UtcDateTime);
            var whole = new List<int>();
            for (var m = new DateOnly(f.From.Year, f.From.Month, 1); m.AddMonths(1).AddDays(-1) <= f.To; m = m.AddMonths(1))
                if (m >= f.From && KpiRollup.Month(m) < firstLive)
                    whole.Add(KpiRollup.Month(m));
            await using var scope = scopes.CreateAsyncScope();
            rolled = await scope.ServiceProvider.GetRequiredService<KpiRollup>().FreshAsync(whole, ct);
        }
        var live = LiveRanges(f, rolled);

        var cellsTask = OnAsync(f, live, x => x.CellsAsync(q => KpiCell.Of(q, byMonth), f, rolled, ct));

        // The exact median from a histogram the database counts: one row per distinct duration, no sort of the orders.
        var medianTask = OnAsync(f, live, async x =>
        {
            var histogram = await x
                .Period.Where(w => w.ResolutionMinutes != null)
                .GroupBy(w => w.ResolutionMinutes!.Value)
                .Select(g => new { Minutes = g.Key, Count = g.Count() })
                .ToListAsync(ct);
            return Median([.. histogram.Select(h => (h.Minutes, h.Count))]);
        });

        var now = clock.GetUtcNow().UtcDateTime;
        var (d1, d3, d7, d30) = (now.AddDays(-1), now.AddDays(-3), now.AddDays(-7), now.AddDays(-30));
        var backlogTask = OnAsync(f, live, async x =>
            await x
                .Scoped.Where(w => w.Status < WorkOrderStatus.Resolved)
                .GroupBy(w => 1)
                .Select(g => new BacklogDto(
                    g.Count(w => w.ReportedAtUtc >= d1),
                    g.Count(w => w.ReportedAtUtc < d1 && w.ReportedAtUtc >= d3),
                    g.Count(w => w.ReportedAtUtc < d3 && w.ReportedAtUtc >= d7),
                    g.Count(w => w.ReportedAtUtc < d7 && w.ReportedAtUtc >= d30),
                    g.Count(w => w.ReportedAtUtc < d30)
                ))
                .FirstOrDefaultAsync(ct)
            ?? new BacklogDto(0, 0, 0, 0, 0)
        );

        var engineersTask = OnAsync(f, live, async x =>
        {
            var cells = await x.CellsAsync(q => EngineerCell.Of(q, byMonth), f, rolled, ct);
            var top = cells
                .GroupBy(c => c.AssigneeId)
                .Select(g =>
                    (
                        Id: g.Key,
                        Resolved: g.Sum(c => c.Resolved),
                        Hours: g.Sum(c => c.LabourHours),
                        CsatSum: g.Sum(c => c.CsatSum),
                        Surveys: g.Sum(c => c.Surveys),
                        Good: g.Sum(c => c.Good)
                    )
                )
                .OrderByDescending(e => e.Resolved)
                .ThenBy(e => e.Id)
                .Take(10)
                .ToList();
            var ids = top.Select(e => e.Id).ToList();
            var names = await x
                .Db.Users.Where(u => ids.Contains(u.Id))
                .Select(u => new { u.Id, u.DisplayName })
                .ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
            return top.Select(e => new EngineerKpi(
                    e.Id,
                    names.GetValueOrDefault(e.Id) ?? "",
                    e.Resolved,
                    e.Surveys == 0 ? null : (double)e.CsatSum / e.Surveys,
                    e.Surveys == 0 ? null : (double)e.Good / e.Surveys,
                    e.Surveys,
                    e.Hours
                ))
                .ToList();
        });

        await Task.WhenAll(cellsTask, medianTask, backlogTask, engineersTask);
        var cells = await cellsTask;
        var periods = cells.GroupBy(c => c.Period).Select(g => KpiCell.Sum(g, g.Key)).OrderBy(p => p.Period).ToList();
        var all = KpiCell.Sum(periods);
        var faults = cells
            .GroupBy(c => (c.ProductCategory, c.Category))
            .Select(g => new FaultKpi(g.Key.ProductCategory, g.Key.Category, g.Sum(c => c.Reported)))
            .OrderByDescending(e => e.Count)
            .ThenBy(e => e.ProductCategory, StringComparer.Ordinal)
            .ThenBy(e => e.Category, StringComparer.Ordinal)
            .Take(10)
            .ToList();
        static double? Rate(long part, long whole) => whole == 0 ? null : (double)part / whole;
        static double? Mean(long sum, long count) => count == 0 ? null : (double)sum / count;
        var trend = periods
            .Select(p => new TrendPoint(p.Period, p.Reported, p.Resolved, Mean(p.ResolutionSum, p.Resolved) / 60, p.Breached))
            .ToList();
        return new ServiceKpiDto(
            all.Reported,
            all.Resolved,
            all.Open,
            Mean(all.FirstResponseSum, all.FirstResponseCount),
            Mean(all.ResolutionSum, all.Resolved),
            await medianTask,
            Mean(all.CloseSum, all.Closed),
            all.Complaints,
            Mean(all.ComplaintFirstResponseSum, all.ComplaintFirstResponseCount),
            Rate(all.Good, all.Surveys),
            Rate(all.FirstTimeFix, all.Resolved),
            Rate(all.Rework, all.Repairs),
            Rate(all.FrMet, all.FrDecided),
            Rate(all.ArMet, all.ArDecided),
            Rate(all.ResMet, all.ResDecided),
            Mean(all.CsatSum, all.Surveys),
            all.Surveys == 0 ? null : 100.0 * (all.Promoters - all.Detractors) / all.Surveys,
            all.Surveys,
            Mean(all.CostSum, all.Resolved),
            await backlogTask,
            trend,
            byMonth,
            await engineersTask,
            faults
        );
    }

    /// <summary>The median of values given as (value, how many times): the middle one, or the mean of the two middle ones.</summary>
    public static double? Median(IReadOnlyList<(int Value, int Count)> histogram)
    {
        var n = histogram.Sum(h => (long)h.Count);
        if (n == 0)
            return null;
        var sorted = histogram.OrderBy(h => h.Value).ToList();
        int At(long index)
        {
            long seen = 0;
            foreach (var (value, count) in sorted)
            {
                seen += count;
                if (index < seen)
                    return value;
            }
            return sorted[^1].Value;
        }
        return n % 2 == 1 ? At(n / 2) : (At(n / 2 - 1) + At(n / 2)) / 2.0;
    }
}
