using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
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
internal sealed class ServiceKpis(AppDbContext db, TimeProvider clock, IMemoryCache cache)
{
    /// <summary>How long a computed dashboard is reused: several managers opening it at once cost one computation.</summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(60);

    public async Task<ServiceKpiDto> ComputeAsync(KpiFilter f, CancellationToken ct) =>
        (await cache.GetOrCreateAsync(("service-kpis", f), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheFor;
            return await ComputeNowAsync(f, ct);
        }))!;

    private async Task<ServiceKpiDto> ComputeNowAsync(KpiFilter f, CancellationToken ct)
    {
        var (from, to) = (WorkOrderService.Day(f.From), WorkOrderService.Day(f.To));
        var scoped = db.Set<WorkOrder>().AsNoTracking().AsQueryable();
        if (!string.IsNullOrWhiteSpace(f.Region)) scoped = scoped.Where(w => w.Region == f.Region);
        if (!string.IsNullOrWhiteSpace(f.ProductCategory)) scoped = scoped.Where(w => w.ProductCategory == f.ProductCategory);
        var period = scoped.Where(w => w.ReportedDay >= from && w.ReportedDay <= to && w.Status != WorkOrderStatus.Cancelled);
        var resolved = period.Where(w => w.ResolutionMinutes != null);

        var totals = await period.GroupBy(w => 1).Select(g => new
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
        }).FirstOrDefaultAsync(ct);

        double? median = null;
        if (totals is { Resolved: > 0 } r)
        {
            var middle = await resolved.OrderBy(w => w.ResolutionMinutes).Select(w => w.ResolutionMinutes!.Value).Skip((r.Resolved - 1) / 2).Take(2 - r.Resolved % 2).ToListAsync(ct);
            median = middle.Average();
        }

        var surveys = from s in db.Set<Survey>() join w in period on s.WorkOrderId equals w.Id select s;
        var answers = await surveys.GroupBy(s => 1).Select(g => new
        {
            Count = g.Count(), Csat = g.Average(s => (double)s.Csat), Promoters = g.Count(s => s.Nps >= 9), Detractors = g.Count(s => s.Nps <= 6),
        }).FirstOrDefaultAsync(ct);

        var now = clock.GetUtcNow().UtcDateTime;
        var (d1, d3, d7, d30) = (now.AddDays(-1), now.AddDays(-3), now.AddDays(-7), now.AddDays(-30));
        var backlog = await scoped.Where(w => w.Status < WorkOrderStatus.Resolved)
            .GroupBy(w => 1).Select(g => new BacklogDto(
                g.Count(w => w.ReportedAtUtc >= d1), g.Count(w => w.ReportedAtUtc < d1 && w.ReportedAtUtc >= d3), g.Count(w => w.ReportedAtUtc < d3 && w.ReportedAtUtc >= d7),
                g.Count(w => w.ReportedAtUtc < d7 && w.ReportedAtUtc >= d30), g.Count(w => w.ReportedAtUtc < d30))).FirstOrDefaultAsync(ct) ?? new BacklogDto(0, 0, 0, 0, 0);

        var byMonth = f.To.DayNumber - f.From.DayNumber > 62;
        var trendRows = byMonth
            ? await period.GroupBy(w => w.ReportedDay / 100).Select(g => new { Period = g.Key, Reported = g.Count(), Resolved = g.Count(w => w.ResolutionMinutes != null),
                Mean = g.Average(w => (double?)w.ResolutionMinutes), Breached = g.Count(w => w.SlaBreached) }).ToListAsync(ct)
            : await period.GroupBy(w => w.ReportedDay).Select(g => new { Period = g.Key, Reported = g.Count(), Resolved = g.Count(w => w.ResolutionMinutes != null),
                Mean = g.Average(w => (double?)w.ResolutionMinutes), Breached = g.Count(w => w.SlaBreached) }).ToListAsync(ct);
        var trend = trendRows.OrderBy(x => x.Period).Select(x => new TrendPoint(x.Period, x.Reported, x.Resolved, x.Mean / 60, x.Breached)).ToList();

        var throughput = await resolved.Where(w => w.AssigneeId != null).GroupBy(w => w.AssigneeId!.Value)
            .Select(g => new { Id = g.Key, Count = g.Count(), Hours = g.Sum(w => w.LabourHours) }).OrderByDescending(x => x.Count).Take(10).ToListAsync(ct);
        var ids = throughput.Select(x => x.Id).ToList();
        var ratings = await (from s in db.Set<Survey>() join w in period on s.WorkOrderId equals w.Id where ids.Contains(w.AssigneeId!.Value)
                             group s by w.AssigneeId into g select new { Id = g.Key!.Value, Csat = g.Average(s => (double)s.Csat) }).ToDictionaryAsync(x => x.Id, x => x.Csat, ct);
        var names = await db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var engineers = throughput.Select(x => new EngineerKpi(x.Id, names.GetValueOrDefault(x.Id) ?? "", x.Count, ratings.TryGetValue(x.Id, out var c) ? c : null, x.Hours)).ToList();

        var faults = (await period.GroupBy(w => new { w.ProductCategory, w.Category }).Select(g => new { g.Key.ProductCategory, g.Key.Category, Count = g.Count() })
            .OrderByDescending(x => x.Count).Take(10).ToListAsync(ct)).Select(x => new FaultKpi(x.ProductCategory, x.Category, x.Count)).ToList();

        static double? Rate(int part, int whole) => whole == 0 ? null : (double)part / whole;
        return new ServiceKpiDto(
            totals?.Reported ?? 0, totals?.Resolved ?? 0, totals?.Open ?? 0,
            totals?.FirstResponse, totals?.Resolution, median,
            Rate(totals?.FirstTimeFix ?? 0, totals?.Resolved ?? 0), Rate(totals?.Rework ?? 0, totals?.Repairs ?? 0),
            Rate(totals?.FrMet ?? 0, totals?.FrDecided ?? 0), Rate(totals?.ArMet ?? 0, totals?.ArDecided ?? 0), Rate(totals?.ResMet ?? 0, totals?.ResDecided ?? 0),
            answers?.Csat, answers is { Count: > 0 } a ? 100.0 * (a.Promoters - a.Detractors) / a.Count : null, answers?.Count ?? 0,
            totals?.Cost, backlog, trend, byMonth, engineers, faults);
    }
}
