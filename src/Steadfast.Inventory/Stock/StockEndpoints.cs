using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Steadfast.Inventory.Public;
using Steadfast.Platform.Api;
using Steadfast.Platform.Identity;

namespace Steadfast.Inventory.Stock;

internal static class StockEndpoints
{
    public static void MapStockEndpoints(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/stock-movements").WithTags("Stock");
        g.MapGet(
                "",
                (
                    Guid? warehouseId,
                    Guid? partId,
                    MovementKind? kind,
                    Guid? workOrderId,
                    DateTime? from,
                    DateTime? to,
                    int? page,
                    int? pageSize,
                    MovementService s,
                    CancellationToken ct
                ) =>
                    s.ListAsync(
                        new MovementFilter(warehouseId, partId, kind, workOrderId, ToUtc(from), ToUtc(to)),
                        PageRequest.From(page, pageSize),
                        ct
                    )
            )
            .RequirePolicy(Policies.Staff)
            .WithName("ListStockMovements")
            .WithSummary("The ledger, newest first, in the warehouses the caller may see. Quantity and value (fen) are signed.");
        g.MapPost("", async (PostMovement body, MovementService s, CancellationToken ct) =>
            {
                var posted = await s.PostAsync([body], ct);
                return TypedResults.Created($"/api/v1/stock-movements/{posted[0].Id}", posted);
            })
            .RequirePolicy(Policies.Stockkeepers)
            .WithName("PostStockMovement")
            .WithSummary(
                "kind receive (unitCost), scrap (reason), adjust (signed quantity, reason) or transferOut (toWarehouseId). Stock never "
                    + "goes negative: 409 with available."
            );
        g.MapPost("/batch", async (PostMovements body, MovementService s, CancellationToken ct) =>
            {
                var posted = await s.PostAsync(body.Movements ?? [], ct);
                return TypedResults.Created("/api/v1/stock-movements", posted);
            })
            .RequirePolicy(Policies.Stockkeepers)
            .WithName("PostStockMovements")
            .WithSummary("Up to 200 movements, all or none.");
        g.MapPost("/{id:guid}/reverse", (Guid id, ReverseMovement body, MovementService s, CancellationToken ct) =>
                s.ReverseAsync(id, body, ct)
            )
            .RequirePolicy(Policies.Stockkeepers)
            .WithName("ReverseStockMovement")
            .WithSummary("The ledger is never edited: a receipt, scrap or adjustment is undone by the opposite movement, once.");

        var tr = api.MapGroup("/transfers").WithTags("Stock");
        tr.MapGet("", (Guid? warehouseId, TransferStatus? status, int? page, int? pageSize, MovementService s, CancellationToken ct) =>
                s.TransfersAsync(warehouseId, status, PageRequest.From(page, pageSize), ct)
            )
            .RequirePolicy(Policies.Staff)
            .WithName("ListTransfers")
            .WithSummary("List transfers");
        tr.MapGet("/{id:guid}", (Guid id, MovementService s, CancellationToken ct) => s.TransferAsync(id, ct))
            .RequirePolicy(Policies.Staff)
            .WithName("GetTransfer")
            .WithSummary("Get a transfer");
        tr.MapPost("/{id:guid}/receive", (Guid id, VersionOnly? body, HttpRequest req, MovementService s, CancellationToken ct) =>
                s.ReceiveTransferAsync(id, EndpointExtensions.VersionFrom(req, body?.Version), ct)
            )
            .RequirePolicy(Policies.Staff)
            .WithName("ReceiveTransfer")
            .WithSummary("The destination's keeper (or the warehouse) books the parts in; a second receipt is a 409.");
    }

    internal static DateTime? ToUtc(DateTime? d) =>
        d is { } v
            ? v.Kind == DateTimeKind.Unspecified
                ? DateTime.SpecifyKind(v, DateTimeKind.Utc)
                : v.ToUniversalTime()
            : null;
}
