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
