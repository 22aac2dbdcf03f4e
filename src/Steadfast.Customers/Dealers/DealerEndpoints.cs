using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;
using Steadfast.Platform.Api;
using Steadfast.Platform.Identity;
using Steadfast.Platform.ImportExport;
using Steadfast.Platform.Localization;

namespace Steadfast.Customers.Dealers;

internal static class DealerEndpoints
{
    public static void MapDealerEndpoints(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/dealers").WithTags("Dealers");
        g.MapGet("", (DealerService s, CancellationToken ct) => s.ListAsync(ct))
            .RequirePolicy(Policies.Staff)
            .WithName("ListDealers")
            .WithSummary("List dealers");
        g.MapGet("/export", async (DealerService s, IStringLocalizer<Strings> t, CancellationToken ct) =>
                ExcelExport.File(
                    (await s.ListAsync(ct)).ToAsyncEnumerable(),
                    [
                        new ExportColumn<DealerDto>(t["Dealers.Name"], d => d.Name),
                        new(t["Teams.Region"], d => d.Region),
                        new(t["Customers.Phone"], d => d.Phone),
                        new(t["Customers.Title"], d => d.Customers),
                    ],
                    "dealers.xlsx"
                )
            )
            .RequirePolicy(Policies.Staff)
            .WithName("ExportDealers")
            .WithSummary("Export dealers as .xlsx")
            .ProducesXlsx();
        g.MapPost("", async (SaveDealer body, DealerService s, CancellationToken ct) =>
            {
                var d = await s.SaveAsync(null, body, ct);
                return TypedResults.Created($"/api/v1/dealers/{d.Id}", d);
            })
            .RequirePolicy(Policies.Admin)
            .WithName("CreateDealer")
            .WithSummary("Create a dealer");
        g.MapPut("/{id:guid}", (Guid id, SaveDealer body, HttpRequest req, DealerService s, CancellationToken ct) =>
                s.SaveAsync(id, body with { Version = EndpointExtensions.VersionFrom(req, body.Version) }, ct)
            )
            .RequirePolicy(Policies.Admin)
            .WithName("UpdateDealer")
            .WithSummary("Update a dealer");
    }
}
