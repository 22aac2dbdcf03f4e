using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Steadfast.Platform.Api;
using Steadfast.Platform.Identity;

namespace Steadfast.Sales.Orders;

internal static class OrderEndpoints
{
    public static void MapOrderEndpoints(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/sales-orders").WithTags("Sales");
        g.MapGet(
                "",
                (
                    string? q,
                    SalesOrderStatus? status,
                    Guid? customerId,
                    Guid? ownerId,
                    DateOnly? from,
                    DateOnly? to,
                    int? page,
                    int? pageSize,
                    OrderService s,
                    CancellationToken ct
                ) => s.ListAsync(new OrderQuery(q, status, customerId, ownerId, from, to), PageRequest.From(page, pageSize), ct)
            )
            .RequirePolicy(Policies.SalesOrderReaders)
            .WithName("ListSalesOrders")
            .WithSummary("Sales orders of the customers the caller may see, newest first");
        g.MapGet("/{id:guid}", (Guid id, OrderService s, CancellationToken ct) => s.GetAsync(id, ct))
            .RequirePolicy(Policies.SalesOrderReaders)
            .WithName("GetSalesOrder")
            .WithSummary("A sales order with its lines");
        g.MapPost("", async (SaveOrder body, OrderService s, CancellationToken ct) =>
            {
                var o = await s.CreateAsync(body, ct);
                return TypedResults.Created($"/api/v1/sales-orders/{o.Id}", o);
            })
            .RequirePolicy(Policies.SalesOrderEditors)
            .WithName("CreateSalesOrder")
            .WithSummary("Enter a sales order");
        g.MapPut("/{id:guid}", (Guid id, SaveOrder body, HttpRequest req, OrderService s, CancellationToken ct) =>
                s.UpdateAsync(id, body with { Version = EndpointExtensions.VersionFrom(req, body.Version) }, ct)
            )
            .RequirePolicy(Policies.SalesOrderEditors)
            .WithName("UpdateSalesOrder")
            .WithSummary("Update a sales order (lines, when sent, replace the old ones)");
        g.MapPut("/by-external-id/{externalId}", UpsertAsync)
            .RequirePolicy(Policies.SalesOrderEditors)
            .WithName("UpsertSalesOrderByExternalId")
            .WithSummary("ERP sync: create or replace the order with this external id (201 when created, 200 when updated).");
    }

    private static async Task<Results<Ok<OrderDetail>, Created<OrderDetail>>> UpsertAsync(
        string externalId,
        SaveOrder body,
        HttpRequest req,
        OrderService s,
        CancellationToken ct
    )
    {
        var (order, created) = await s.UpsertByExternalIdAsync(
            externalId,
            body with
            {
                Version = EndpointExtensions.VersionFrom(req, body.Version),
            },
            ct
        );
        return created ? TypedResults.Created($"/api/v1/sales-orders/{order.Id}", order) : TypedResults.Ok(order);
    }
}
