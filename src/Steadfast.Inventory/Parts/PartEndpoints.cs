using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;
using Steadfast.Platform.Api;
using Steadfast.Platform.Identity;
using Steadfast.Platform.ImportExport;
using Steadfast.Platform.Localization;

namespace Steadfast.Inventory.Parts;

internal static class PartEndpoints
{
    public static void MapPartEndpoints(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/parts").WithTags("Parts");
        g.MapGet(
                "",
                (
                    string? q,
                    bool? belowReorder,
                    bool? active,
                    Guid? productId,
                    int? page,
                    int? pageSize,
                    PartService s,
                    CancellationToken ct
                ) => s.ListAsync(q, belowReorder ?? false, active, productId, PageRequest.From(page, pageSize), ct)
            )
            .RequirePolicy(Policies.Staff)
            .WithName("ListParts")
            .WithSummary(
                "Search by number prefix, name or specification; belowReorder lists parts whose central stock is under the reorder "
                    + "point; productId lists parts that fit a model."
            );
        g.MapGet("/{id:guid}", (Guid id, PartService s, CancellationToken ct) => s.GetAsync(id, ct))
            .RequirePolicy(Policies.Staff)
            .WithName("GetPart")
            .WithSummary("Get a part");
        g.MapGet("/export", (string? q, PartService s, IStringLocalizer<Strings> t) =>
                ExcelExport.File(
                    s.AllAsync(q),
                    [
                        new ExportColumn<PartListItem>(t["Parts.Number"], p => p.Number),
                        new(t["Common.Name"], p => p.Name),
                        new(t["Parts.Specification"], p => p.Specification),
                        new(t["Parts.Unit"], p => p.Unit),
                        new(t["Parts.UnitCost"], p => p.UnitCost / 100m),
                        new(t["Parts.ReorderPoint"], p => p.ReorderPoint),
                        new(t["Parts.OnHand"], p => p.OnHand),
                        new(t["Parts.StockValue"], p => p.StockValue / 100m),
                        new(t["Parts.Active"], p => p.IsActive),
                    ],
                    "parts.xlsx"
                )
            )
            .RequirePolicy(Policies.Exporters)
            .WithName("ExportParts")
            .WithSummary("Export parts as .xlsx")
            .ProducesXlsx();
        g.MapPost("", async (SavePart body, PartService s, CancellationToken ct) =>
            {
                var p = await s.SaveAsync(null, body, ct);
                return TypedResults.Created($"/api/v1/parts/{p.Id}", p);
            })
            .RequirePolicy(Policies.PartsEditors)
            .WithName("CreatePart")
            .WithSummary("Money in fen. productIds: the models it fits; none means it fits every machine.");
        g.MapPut("/{id:guid}", (Guid id, SavePart body, HttpRequest req, PartService s, CancellationToken ct) =>
                s.SaveAsync(id, body with { Version = EndpointExtensions.VersionFrom(req, body.Version) }, ct)
            )
            .RequirePolicy(Policies.PartsEditors)
            .WithName("UpdatePart")
            .WithSummary("Update a part");
    }
}
