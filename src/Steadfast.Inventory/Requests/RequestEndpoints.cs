using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Steadfast.Inventory.Stock;
using Steadfast.Platform.Api;
using Steadfast.Platform.Identity;

namespace Steadfast.Inventory.Requests;

internal static class RequestEndpoints
{
    public static void MapRequestEndpoints(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/part-requests").WithTags("Stock");
        g.MapGet(
                "",
                (RequestStatus? status, bool? mine, Guid? workOrderId, int? page, int? pageSize, RequestService s, CancellationToken ct) =>
                    s.ListAsync(status, mine ?? false, workOrderId, PageRequest.From(page, pageSize), ct)
            )
            .RequirePolicy(Policies.Staff)
            .WithName("ListPartRequests")
            .WithSummary("Engineers see their own requests and those asking their van.");
        g.MapGet("/{id:guid}", (Guid id, RequestService s, CancellationToken ct) => s.GetAsync(id, ct))
            .RequirePolicy(Policies.Staff)
            .WithName("GetPartRequest")
            .WithSummary("Get a part request");
        g.MapPost("", async (CreatePartRequest body, RequestService s, CancellationToken ct) =>
            {
                var r = await s.CreateAsync(body, ct);
                return TypedResults.Created($"/api/v1/part-requests/{r.Id}", r);
            })
            .RequirePolicy(Policies.ServiceWork)
            .WithName("CreatePartRequest")
            .WithSummary(
                "Into the caller's van. Over the value threshold or not fitting the order's machine: waits for the service manager; "
                    + "otherwise sent at once."
            );
        g.MapPost("/{id:guid}/approve", (Guid id, DecideRequest body, HttpRequest req, RequestService s, CancellationToken ct) =>
                s.ApproveAsync(id, body with { Version = EndpointExtensions.VersionFrom(req, body.Version) }, ct)
            )
            .RequirePolicy(Policies.PartsEditors)
            .WithName("ApprovePartRequest")
            .WithSummary("Sends the parts as a transfer. 409 with available when the source is short (recorded as a stock-out).");
        g.MapPost("/{id:guid}/reject", (Guid id, DecideRequest body, HttpRequest req, RequestService s, CancellationToken ct) =>
                s.RejectAsync(id, body with { Version = EndpointExtensions.VersionFrom(req, body.Version) }, ct)
            )
            .RequirePolicy(Policies.PartsEditors)
            .WithName("RejectPartRequest")
            .WithSummary("Reject a part request");
        g.MapPost("/{id:guid}/receive", (Guid id, VersionOnly? body, HttpRequest req, RequestService s, CancellationToken ct) =>
                s.ReceiveAsync(id, EndpointExtensions.VersionFrom(req, body?.Version), ct)
            )
            .RequirePolicy(Policies.ServiceWork)
            .WithName("ReceivePartRequest")
            .WithSummary("Confirm parts of a request received into the van");
    }
}
