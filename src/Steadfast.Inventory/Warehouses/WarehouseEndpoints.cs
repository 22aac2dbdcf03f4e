using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Steadfast.Platform.Api;
using Steadfast.Platform.Identity;

namespace Steadfast.Inventory.Warehouses;

internal static class WarehouseEndpoints
{
    public static void MapWarehouseEndpoints(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/warehouses").WithTags("Stock");
        g.MapGet("", (WarehouseService s, CancellationToken ct) => s.ListAsync(ct))
            .RequirePolicy(Policies.Staff)
            .WithName("ListWarehouses")
            .WithSummary("Central warehouses and vans the caller may see, with units, value (fen) and what is in transit to each.");
        g.MapGet("/{id:guid}", (Guid id, WarehouseService s, CancellationToken ct) => s.GetAsync(id, ct))
            .RequirePolicy(Policies.Staff)
            .WithName("GetWarehouse")
            .WithSummary("Get a warehouse");
        g.MapGet(
                "/{id:guid}/stock",
                (Guid id, string? q, bool? includeEmpty, int? page, int? pageSize, WarehouseService s, CancellationToken ct) =>
                    s.StockAsync(id, q, includeEmpty ?? false, PageRequest.From(page, pageSize), ct)
            )
            .RequirePolicy(Policies.Staff)
            .WithName("GetWarehouseStock")
            .WithSummary("A warehouse's stock per part");
        g.MapPost("", async (SaveWarehouse body, WarehouseService s, CancellationToken ct) =>
            {
                var w = await s.SaveAsync(null, body, ct);
                return TypedResults.Created($"/api/v1/warehouses/{w.Id}", w);
            })
            .RequirePolicy(Policies.PartsEditors)
            .WithName("CreateWarehouse")
            .WithSummary("kind central or van; a van needs an engineer as keeper, one van each.");
        g.MapPut("/{id:guid}", (Guid id, SaveWarehouse body, HttpRequest req, WarehouseService s, CancellationToken ct) =>
                s.SaveAsync(id, body with { Version = EndpointExtensions.VersionFrom(req, body.Version) }, ct)
            )
            .RequirePolicy(Policies.PartsEditors)
            .WithName("UpdateWarehouse")
            .WithSummary("Update a warehouse");

        var settings = api.MapGroup("/inventory-settings").WithTags("Stock");
        settings
            .MapGet("", (WarehouseService s, CancellationToken ct) => s.SettingsAsync(ct))
            .RequirePolicy(Policies.Staff)
            .WithName("GetInventorySettings")
            .WithSummary("Inventory settings");
        settings
            .MapPut("", (SaveInventorySettings body, HttpRequest req, WarehouseService s, CancellationToken ct) =>
                s.SaveSettingsAsync(body with { Version = EndpointExtensions.VersionFrom(req, body.Version) }, ct)
            )
            .RequirePolicy(Policies.PartsEditors)
            .WithName("SaveInventorySettings")
            .WithSummary("Save inventory settings");
    }
}
