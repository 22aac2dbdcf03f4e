using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Steadfast.Platform.Api;
using Steadfast.Platform.Identity;

namespace Steadfast.Service.Dispatch;

internal static class DispatchEndpoints
{
    public static void MapDispatchEndpoints(this RouteGroupBuilder api)
    {
        var d = api.MapGroup("/dispatch").WithTags("Dispatch");
        d.MapGet(
                "/suggestions",
                (
                    Guid? workOrderId,
                    DispatchService s,
                    Microsoft.Extensions.Localization.IStringLocalizer<Platform.Localization.Strings> t,
                    CancellationToken ct
                ) =>
                    workOrderId is { } id
                        ? s.SuggestAsync(id, ct)
                        : throw AppValidationException.For("workOrderId", t["Common.Error.Required"])
            )
            .RequirePolicy(Policies.ServiceDesk)
            .WithName("DispatchSuggestions")
            .WithSummary("Engineers ranked for an order, with the reasons and points behind each score.");
        d.MapGet("/pool", (DispatchService s, CancellationToken ct) => s.PoolAsync(ct))
            .RequirePolicy(Policies.Engineers)
            .WithName("OrderPool")
            .WithSummary("Unassigned orders in your regions, when the pool (工单池) is switched on.");
        d.MapPost("/pool/{id:guid}/grab", (Guid id, DispatchService s, CancellationToken ct) => s.GrabAsync(id, ct))
            .RequirePolicy(Policies.Engineers)
            .WithName("GrabOrder")
            .WithSummary("Take an order from the pool; when two engineers grab at once, one gets it and the other 409.");

        var e = api.MapGroup("/engineers").WithTags("Dispatch");
        e.MapGet("", (DispatchService s, CancellationToken ct) => s.EngineersAsync(ct))
            .RequirePolicy(Policies.ServiceDesk)
            .WithName("ListEngineers")
            .WithSummary("List engineers");
        e.MapPut("/{userId:guid}", (Guid userId, SaveEngineer body, HttpRequest req, DispatchService s, CancellationToken ct) =>
                s.SaveEngineerAsync(userId, body with { Version = EndpointExtensions.VersionFrom(req, body.Version) }, ct)
            )
            .RequirePolicy(Policies.ServiceManagers)
            .WithName("SaveEngineer")
            .WithSummary("An engineer's regions, skills (product categories) and hourly rate in fen.");

        var r = api.MapGroup("/dispatch-rules").WithTags("Dispatch");
        r.MapGet("", (DispatchService s, CancellationToken ct) => s.RulesAsync(ct))
            .RequirePolicy(Policies.ServiceDesk)
            .WithName("ListDispatchRules")
            .WithSummary("Dispatch at intake per region and severity: off, suggest, or assign automatically (auto).");
        r.MapPost("", async (SaveDispatchRule body, DispatchService s, CancellationToken ct) =>
            {
                var rule = await s.SaveRuleAsync(null, body, ct);
                return TypedResults.Created($"/api/v1/dispatch-rules/{rule.Id}", rule);
            })
            .RequirePolicy(Policies.ServiceManagers)
            .WithName("CreateDispatchRule")
            .WithSummary(
                "A rule for a region (a province with customers; empty for all) and a severity (absent for all). Auto assigns the "
                    + "best-ranked engineer covering the region with room under his daily cap; nobody qualifying leaves the order in "
                    + "the pool."
            );
        r.MapPut("/{id:guid}", (Guid id, SaveDispatchRule body, HttpRequest req, DispatchService s, CancellationToken ct) =>
                s.SaveRuleAsync(id, body with { Version = EndpointExtensions.VersionFrom(req, body.Version) }, ct)
            )
            .RequirePolicy(Policies.ServiceManagers)
            .WithName("UpdateDispatchRule")
            .WithSummary("Change a dispatch rule");
        r.MapDelete("/{id:guid}", async (Guid id, DispatchService s, CancellationToken ct) =>
            {
                await s.DeleteRuleAsync(id, ct);
                return TypedResults.NoContent();
            })
            .RequirePolicy(Policies.ServiceManagers)
            .WithName("DeleteDispatchRule")
            .WithSummary("Remove a dispatch rule: its orders fall back to the next rule, or to suggestions.");

        var st = api.MapGroup("/service-settings").WithTags("Dispatch");
        st.MapGet("", (DispatchService s, CancellationToken ct) => s.SettingsAsync(ct))
            .RequirePolicy(Policies.Staff)
            .WithName("GetServiceSettings")
            .WithSummary("Service settings");
        st.MapPut("", (SaveServiceSettings body, HttpRequest req, DispatchService s, CancellationToken ct) =>
                s.SaveSettingsAsync(body with { Version = EndpointExtensions.VersionFrom(req, body.Version) }, ct)
            )
            .RequirePolicy(Policies.ServiceManagers)
            .WithName("SaveServiceSettings")
            .WithSummary("Save service settings");
    }
}
