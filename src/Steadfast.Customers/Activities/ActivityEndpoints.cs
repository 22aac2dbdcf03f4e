using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Steadfast.Platform.Api;
using Steadfast.Platform.Identity;

namespace Steadfast.Customers.Activities;

internal static class ActivityEndpoints
{
    public static void MapActivityEndpoints(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/customers/{customerId:guid}/activities").WithTags("Follow-ups");
        g.MapGet("", (Guid customerId, int? page, int? pageSize, ActivityService s, CancellationToken ct) =>
                s.ListAsync(customerId, PageRequest.From(page, pageSize), ct)
            )
            .RequirePolicy(Policies.Staff)
            .WithName("ListActivities")
            .WithSummary("Follow-ups, newest first; private notes appear only to their author.");
        g.MapPost("", async (Guid customerId, SaveActivity body, ActivityService s, CancellationToken ct) =>
            {
                var a = await s.CreateAsync(customerId, body, ct);
                return TypedResults.Created($"/api/v1/customers/{customerId}/activities/{a.Id}", a);
            })
            .RequirePolicy(Policies.Staff)
            .WithName("CreateActivity")
            .WithSummary("Log a call, visit, meeting, email or WeChat; isPrivate=true makes a private note.");
        g.MapPut("/{id:guid}", (Guid customerId, Guid id, SaveActivity body, HttpRequest req, ActivityService s, CancellationToken ct) =>
                s.UpdateAsync(customerId, id, body with { Version = EndpointExtensions.VersionFrom(req, body.Version) }, ct)
            )
            .RequirePolicy(Policies.Staff)
            .WithName("UpdateActivity")
            .WithSummary("Update a follow-up");
        g.MapDelete("/{id:guid}", async (Guid customerId, Guid id, ActivityService s, CancellationToken ct) =>
            {
                await s.DeleteAsync(customerId, id, ct);
                return TypedResults.NoContent();
            })
            .RequirePolicy(Policies.Staff)
            .WithName("DeleteActivity")
            .WithSummary("Delete a follow-up");
    }
}
