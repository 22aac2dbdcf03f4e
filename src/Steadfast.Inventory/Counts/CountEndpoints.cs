using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Steadfast.Platform.Api;
using Steadfast.Platform.Identity;

namespace Steadfast.Inventory.Counts;

internal static class CountEndpoints
{
    public static void MapCountEndpoints(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/stock-counts").WithTags("Stock");
        g.MapGet("", (Guid? warehouseId, CountStatus? status, int? page, int? pageSize, CountService s, CancellationToken ct) =>
                s.ListAsync(warehouseId, status, PageRequest.From(page, pageSize), ct)
            )
            .RequirePolicy(Policies.Staff)
            .WithName("ListStockCounts")
            .WithSummary("List stock counts");
        g.MapGet("/{id:guid}", (Guid id, CountService s, CancellationToken ct) => s.GetAsync(id, ct))
            .RequirePolicy(Policies.Staff)
            .WithName("GetStockCount")
            .WithSummary("Get a stock count");
        g.MapPost("", async (CreateCount body, CountService s, CancellationToken ct) =>
            {
                var c = await s.CreateAsync(body, ct);
                return TypedResults.Created($"/api/v1/stock-counts/{c.Id}", c);
            })
            .RequirePolicy(Policies.Stockkeepers)
            .WithName("CreateStockCount")
            .WithSummary("One open count per warehouse; a second is a 409.");
        g.MapPut("/{id:guid}/lines", (Guid id, EnterCounts body, HttpRequest req, CountService s, CancellationToken ct) =>
                s.EnterAsync(id, body with { Version = EndpointExtensions.VersionFrom(req, body.Version) }, ct)
            )
            .RequirePolicy(Policies.Stockkeepers)
            .WithName("EnterStockCounts")
            .WithSummary("Enter counted quantities");
        g.MapPost("/{id:guid}/post", (Guid id, PostCount body, HttpRequest req, CountService s, CancellationToken ct) =>
                s.PostAsync(id, body with { Version = EndpointExtensions.VersionFrom(req, body.Version) }, ct)
            )
            .RequirePolicy(Policies.Stockkeepers)
            .WithName("PostStockCount")
            .WithSummary("Every counted line's difference against on-hand now becomes one adjustment, all in one transaction.");
        g.MapPost("/{id:guid}/cancel", (Guid id, PostCount body, HttpRequest req, CountService s, CancellationToken ct) =>
                s.CancelAsync(id, body with { Version = EndpointExtensions.VersionFrom(req, body.Version) }, ct)
            )
            .RequirePolicy(Policies.Stockkeepers)
            .WithName("CancelStockCount")
            .WithSummary("Cancel an open stock count");
    }
}
