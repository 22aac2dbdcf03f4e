using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Steadfast.Inventory.Public;
using Steadfast.Platform.Api;
using Steadfast.Platform.Identity;

namespace Steadfast.Service.Parts;

internal static class OrderPartsEndpoints
{
    public static void MapOrderPartsEndpoints(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/work-orders/{id:guid}/parts").WithTags("Work orders");
        g.MapGet("", (Guid id, OrderParts s, CancellationToken ct) => s.LinesAsync(id, ct))
            .RequirePolicy(Policies.Staff)
            .WithName("ListWorkOrderParts")
            .WithSummary("Parts used and returned on the order, at cost (fen).");
        g.MapGet("/pickable", (Guid id, string? q, bool? fitsOnly, Guid? warehouseId, OrderParts s, CancellationToken ct) =>
                s.PickListAsync(id, q, fitsOnly ?? false, warehouseId, ct)
            )
            .RequirePolicy(Policies.ServiceWork)
            .WithName("PickableWorkOrderParts")
            .WithSummary("Parts in the van (or the named warehouse), those fitting the machine's model first.");
        g.MapPost("", async (Guid id, IssuePart body, OrderParts s, HttpContext http, CancellationToken ct) =>
            {
                var line = await s.IssueAsync(id, body, ct);
                return TypedResults.Created($"{http.Request.Path}/{line.MovementId}", line);
            })
            .RequirePolicy(Policies.ServiceWork)
            .WithName("UseWorkOrderPart")
            .WithSummary(
                "Issue from the van at moving-average cost; 409 with available when short; a part that does not fit needs a service "
                    + "manager's override reason."
            );
        g.MapPost("/returns", async (Guid id, ReturnPart body, OrderParts s, HttpContext http, CancellationToken ct) =>
            {
                var line = await s.ReturnAsync(id, body, ct);
                return TypedResults.Created($"{http.Request.Path}/{line.MovementId}", line);
            })
            .RequirePolicy(Policies.ServiceWork)
            .WithName("ReturnWorkOrderPart")
            .WithSummary("Return a part fitted on the order (good to the van, or faulty)");
    }
}
