using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Steadfast.Platform.Api;
using Steadfast.Platform.Identity;

namespace Steadfast.Service.Dashboard;

internal static class DashboardEndpoints
{
    public static void MapDashboardEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet(
                "/service/kpis",
                (
                    DateOnly? from,
                    DateOnly? to,
                    string? region,
                    string? productCategory,
                    ServiceKpis s,
                    TimeProvider clock,
                    Microsoft.Extensions.Localization.IStringLocalizer<Platform.Localization.Strings> t,
                    CancellationToken ct
                ) => s.ComputeAsync(Filter(from, to, region, productCategory, clock, t), ct)
            )
            .RequirePolicy(Policies.ServiceInsight)
            .WithTags("Service dashboard")
            .WithName("ServiceKpis")
            .WithSummary("The service KPIs for a period (report dates), computed by the database.");
        api.MapGet(
                "/service/kpis/maintenance",
                (
                    DateOnly? from,
                    DateOnly? to,
                    string? region,
                    string? productCategory,
                    Maintenance.MaintenanceKpis s,
                    TimeProvider clock,
                    Microsoft.Extensions.Localization.IStringLocalizer<Platform.Localization.Strings> t,
                    CancellationToken ct
                ) => s.ComputeAsync(Filter(from, to, region, productCategory, clock, t), ct)
            )
            .RequirePolicy(Policies.ServiceInsight)
            .WithTags("Service dashboard")
            .WithName("MaintenanceKpis")
            .WithSummary(
                "Maintenance due against done (coverage) by region and product line, on time, findings, parts replaced before a failure"
            );
    }

    /// <summary>The period asked (the last 90 days unless given), checked: an end before the start or ten years at once is a 400.</summary>
    private static KpiFilter Filter(
        DateOnly? from,
        DateOnly? to,
        string? region,
        string? productCategory,
        TimeProvider clock,
        Microsoft.Extensions.Localization.IStringLocalizer<Platform.Localization.Strings> t
    )
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var (f, e) = (from ?? today.AddDays(-89), to ?? today);
        if (e < f)
            throw AppValidationException.For("to", t["Dashboard.Error.Period"]);
        if (e.DayNumber - f.DayNumber > 3700)
            throw AppValidationException.For("from", t["Dashboard.Error.Period"]);
        return new KpiFilter(f, e, region, productCategory);
    }
}
