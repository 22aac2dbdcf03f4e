using Microsoft.EntityFrameworkCore;
using Steadfast.Platform.Data;
using Steadfast.Platform.Ui;
using Steadfast.Service.Dashboard;

namespace Steadfast.Service.Maintenance;

public sealed record CoverageRow(string Key, int Due, int Done);

/// <summary>
/// Preventive service in a period (主动服务覆盖率): maintenance due against done, by region and product line, on time, the checklist
/// findings that led to corrective orders, and the parts replaced before a failure against after one.
/// </summary>
public sealed record MaintenanceKpiDto(
    int Due,
    int Done,
    int Missed,
    double? Coverage,
    double? OnTimeRate,
    IReadOnlyList<CoverageRow> ByRegion,
    IReadOnlyList<CoverageRow> ByProduct,
    int Findings,
    int FindingsWithCorrective,
    int ReplacedBeforeFailure,
    int ReplacedAfterFailure
);

/// <summary>The maintenance KPIs of the service dashboard, aggregated by the database.</summary>
internal sealed class MaintenanceKpis(AppDbContext db, TimeProvider clock, CompanyClock company)
{
    public async Task<MaintenanceKpiDto> ComputeAsync(KpiFilter f, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(company.ToLocal(clock.GetUtcNow().UtcDateTime));
        var items = db.Set<VisitItem>().Where(i => i.DueOn >= f.From && i.DueOn <= f.To);
        if (!string.IsNullOrEmpty(f.Region))
            items = items.Where(i => i.Region == f.Region);
        if (!string.IsNullOrEmpty(f.ProductCategory))
            items = items.Where(i => i.ProductCategory == f.ProductCategory);
        var byRegion = await Group(items.GroupBy(i => i.Region), ct);
        var byProduct = await Group(items.GroupBy(i => i.ProductCategory), ct);
        var onTime = await items.CountAsync(i => i.OnTime == true, ct);
        // Tasks that fell due in the period and were never put on a visit count as due and not done.
        var end = f.To < today ? f.To : today.AddDays(-1);
        var missed =
            string.IsNullOrEmpty(f.Region) && string.IsNullOrEmpty(f.ProductCategory)
                ? await db.Set<PlanTask>()
                    .CountAsync(k => k.Active && k.NextDueOn >= f.From && k.NextDueOn <= end && k.OpenWorkOrderId == null, ct)
                : 0;
        var due = byRegion.Sum(r => r.Due) + missed;
        var done = byRegion.Sum(r => r.Done);
        var (from, to) = (
            TimeZoneInfo.ConvertTimeToUtc(f.From.ToDateTime(TimeOnly.MinValue), company.Zone()),
            TimeZoneInfo.ConvertTimeToUtc(f.To.AddDays(1).ToDateTime(TimeOnly.MinValue), company.Zone())
        );
        var answers = db.Set<CheckAnswer>().Where(a => a.Finding && a.AnsweredAtUtc >= from && a.AnsweredAtUtc < to);
        var fittings = db.Set<PartFitting>().Where(x => x.FittedOn >= f.From && x.FittedOn <= f.To);
        return new MaintenanceKpiDto(
            due,
            done,
            missed,
            due == 0 ? null : Math.Round(100.0 * done / due, 1),
            done == 0 ? null : Math.Round(100.0 * onTime / done, 1),
            byRegion,
            byProduct,
            await answers.CountAsync(ct),
            await answers.CountAsync(a => a.CorrectiveOrderId != null, ct),
            await fittings.CountAsync(x => x.BeforeFailure, ct),
            await fittings.CountAsync(x => !x.BeforeFailure, ct)
        );
    }

    private static async Task<List<CoverageRow>> Group(IQueryable<IGrouping<string, VisitItem>> groups, CancellationToken ct) => [.. (
                await groups
                    .Select(g => new
                    {
                        g.Key,
                        Due = g.Count(),
                        Done = g.Count(i => i.Outcome == ItemOutcome.Done),
                    })
                    .ToListAsync(ct)
            ).OrderByDescending(r => r.Due).Select(r => new CoverageRow(r.Key, r.Due, r.Done))];
}
