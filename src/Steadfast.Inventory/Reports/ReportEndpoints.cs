using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Steadfast.Inventory.Stock;
using Steadfast.Platform.Api;
using Steadfast.Platform.Identity;

namespace Steadfast.Inventory.Reports;

internal static class ReportEndpoints
{
    public static void MapPartsReportEndpoints(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/reports").WithTags("Stock");
        g.MapGet("/dead-stock", (int? days, Guid? warehouseId, int? page, int? pageSize, PartsReports s, CancellationToken ct) =>
                s.DeadStockAsync(days, warehouseId, PageRequest.From(page, pageSize), ct)
            )
            .RequirePolicy(Policies.Staff)
            .WithName("DeadStockReport")
            .WithSummary("呆滞库存: stock with no movement for N days (the company setting when not given), largest value first.");
        g.MapGet("/stock-outs", (DateTime? from, DateTime? to, int? page, int? pageSize, PartsReports s, CancellationToken ct) =>
                s.StockOutsAsync(StockEndpoints.ToUtc(from), StockEndpoints.ToUtc(to), PageRequest.From(page, pageSize), ct)
            )
            .RequirePolicy(Policies.Staff)
            .WithName("StockOutReport")
            .WithSummary("Requests stock could not meet");
        g.MapGet(
                "/parts-consumption",
                (DateTime? from, DateTime? to, ConsumptionGroup? by, int? top, PartsReports s, TimeProvider clock, CancellationToken ct) =>
                {
                    var (f, t) = Period(from, to, clock);
                    return s.ConsumptionAsync(f, t, by ?? ConsumptionGroup.Part, top ?? 8, ct);
                }
            )
            .RequirePolicy(Policies.Staff)
            .WithName("PartsConsumptionReport")
            .WithSummary("Monthly, by part, product or region; the last 12 months when no period is given.");
        g.MapGet(
                "/parts-cost-by-customer",
                (DateTime? from, DateTime? to, int? top, PartsReports s, TimeProvider clock, CancellationToken ct) =>
                {
                    var (f, t) = Period(from, to, clock);
                    return s.CostPerCustomerAsync(f, t, top ?? 50, ct);
                }
            )
            .RequirePolicy(Policies.Staff)
            .WithName("PartsCostByCustomer")
            .WithSummary("Parts cost per customer");
    }

    internal static (DateTime From, DateTime To) Period(DateTime? from, DateTime? to, TimeProvider clock)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var end = StockEndpoints.ToUtc(to) ?? new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1);
        var start = StockEndpoints.ToUtc(from) ?? end.AddMonths(-12);
        if (start >= end || (end - start).TotalDays > 3700)
            start = end.AddMonths(-12);
        return (start, end);
    }
}
