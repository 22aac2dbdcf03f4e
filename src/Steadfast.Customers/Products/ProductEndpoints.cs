using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;
using Steadfast.Platform.Api;
using Steadfast.Platform.Identity;
using Steadfast.Platform.ImportExport;
using Steadfast.Platform.Localization;

namespace Steadfast.Customers.Products;

internal static class ProductEndpoints
{
    public static void MapProductEndpoints(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/products").WithTags("Products");
        g.MapGet("", (string? q, string? category, int? page, int? pageSize, ProductService s, CancellationToken ct) =>
                s.ListAsync(q, category, PageRequest.From(page, pageSize), ct)
            )
            .RequirePolicy(Policies.SignedIn)
            .WithName("ListProducts")
            .WithSummary("List products");
        g.MapGet("/{id:guid}", (Guid id, ProductService s, CancellationToken ct) => s.GetAsync(id, ct))
            .RequirePolicy(Policies.SignedIn)
            .WithName("GetProduct")
            .WithSummary("Get a product");
        g.MapGet("/export", (string? q, ProductService s, IStringLocalizer<Strings> t) =>
                ExcelExport.File(
                    s.AllAsync(q),
                    [
                        new ExportColumn<ProductDto>(t["Products.Code"], p => p.Code),
                        new(t["Products.Name"], p => p.Name),
                        new(t["Products.Category"], p => p.Category),
                        new(t["Products.WarrantyMonths"], p => p.WarrantyMonths),
                        new(t["Products.MaintenanceDays"], p => p.MaintenanceDays),
                        new(t["Products.MaintenanceHours"], p => p.MaintenanceHours),
                        new(t["Customers.Machines"], p => p.Machines),
                    ],
                    "products.xlsx"
                )
            )
            .RequirePolicy(Policies.Exporters)
            .WithName("ExportProducts")
            .WithSummary("Export products as .xlsx")
            .ProducesXlsx();
        g.MapPost("", async (SaveProduct body, ProductService s, CancellationToken ct) =>
            {
                var p = await s.SaveAsync(null, body, ct);
                return TypedResults.Created($"/api/v1/products/{p.Id}", p);
            })
            .RequirePolicy(Policies.Admin)
            .WithName("CreateProduct")
            .WithSummary("Create a product");
        g.MapPut("/{id:guid}", (Guid id, SaveProduct body, HttpRequest req, ProductService s, CancellationToken ct) =>
                s.SaveAsync(id, body with { Version = EndpointExtensions.VersionFrom(req, body.Version) }, ct)
            )
            .RequirePolicy(Policies.Admin)
            .WithName("UpdateProduct")
            .WithSummary("Update a product");
    }
}
