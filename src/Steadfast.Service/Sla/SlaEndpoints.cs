using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Steadfast.Platform.Api;
using Steadfast.Platform.Identity;

namespace Steadfast.Service.Sla;

internal static class SlaEndpoints
{
    public static void MapSlaEndpoints(this RouteGroupBuilder api)
    {
        var sla = api.MapGroup("/sla-policies").WithTags("SLA");
        sla.MapGet("", (SlaService s, CancellationToken ct) => s.ListAsync(ct))
            .RequirePolicy(Policies.Staff)
            .WithName("ListSlaPolicies")
            .WithSummary("List SLA policies");
        sla.MapGet("/{id:guid}", (Guid id, SlaService s, CancellationToken ct) => s.GetAsync(id, ct))
            .RequirePolicy(Policies.Staff)
            .WithName("GetSlaPolicy")
            .WithSummary("Get an SLA policy");
        sla.MapPost("", async (SaveSlaPolicy body, SlaService s, CancellationToken ct) =>
            {
                var p = await s.SaveAsync(null, body, ct);
                return TypedResults.Created($"/api/v1/sla-policies/{p.Id}", p);
            })
            .RequirePolicy(Policies.ServiceManagers)
            .WithName("CreateSlaPolicy")
            .WithSummary("Targets in minutes for a severity (and optionally a customer tier), in business or calendar hours.");
        sla.MapPut("/{id:guid}", (Guid id, SaveSlaPolicy body, HttpRequest req, SlaService s, CancellationToken ct) =>
                s.SaveAsync(id, body with { Version = EndpointExtensions.VersionFrom(req, body.Version) }, ct)
            )
            .RequirePolicy(Policies.ServiceManagers)
            .WithName("UpdateSlaPolicy")
            .WithSummary("Update an SLA policy");
        sla.MapPost("/recommended", (SlaService s, CancellationToken ct) => s.AddRecommendedAsync(ct))
            .RequirePolicy(Policies.ServiceManagers)
            .WithName("AddRecommendedSlaPolicies")
            .WithSummary("Adds a starting set of policies; 409 if any exist.");
    }
}
