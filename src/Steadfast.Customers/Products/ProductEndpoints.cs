using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Steadfast.Platform.Api;
using Steadfast.Platform.Identity;

namespace Steadfast.Customers.Products;

internal static class ProductEndpoints
{
    public static void MapProductEndpoints(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/products").WithTags("Products");
        g.MapGet("", (string? q, string? category, int? page, int? pageSize, ProductService s, CancellationToken ct) =>
            s.ListAsync(q, category, PageRequest.From(page, pageSize), ct)).RequirePolicy(Policies.SignedIn).WithName("ListProducts");
        g.MapGet("/{id:guid}", (Guid id, ProductService s, CancellationToken ct) => s.GetAsync(id, ct)).RequirePolicy(Policies.SignedIn).WithName("GetProduct");
        g.MapPost("", async (SaveProduct body, ProductService s, CancellationToken ct) =>
        {
            var p = await s.SaveAsync(null, body, ct);
            return TypedResults.Created($"/api/v1/products/{p.Id}", p);
        }).RequirePolicy(Policies.Admin).WithName("CreateProduct");
        g.MapPut("/{id:guid}", (Guid id, SaveProduct body, HttpRequest req, ProductService s, CancellationToken ct) =>
            s.SaveAsync(id, body with { Version = EndpointExtensions.VersionFrom(req, body.Version) }, ct)).RequirePolicy(Policies.Admin).WithName("UpdateProduct");
    }
}
