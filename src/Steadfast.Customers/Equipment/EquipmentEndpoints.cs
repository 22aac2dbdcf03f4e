using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;
using Steadfast.Customers.Customers;
using Steadfast.Platform.Api;
using Steadfast.Platform.Identity;
using Steadfast.Platform.ImportExport;
using Steadfast.Platform.Localization;

namespace Steadfast.Customers.Equipment;

internal static class EquipmentEndpoints
{
    public static void MapEquipmentEndpoints(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/equipment").WithTags("Equipment");
        g.MapGet("", (HttpRequest r, int? page, int? pageSize, EquipmentService s, CancellationToken ct) =>
                s.ListAsync(Query(r), CustomerEndpoints.Filters(r), PageRequest.From(page, pageSize), ct)
            )
            .RequirePolicy(Policies.SignedIn)
            .WithName("ListEquipment")
            .WithSummary("Machines you may see; q searches serial number, site and customer name.");
        g.MapGet("/export", Export)
            .RequirePolicy(Policies.Exporters)
            .WithName("ExportEquipment")
            .WithSummary("Export the filtered machines as .xlsx")
            .ProducesXlsx();
        g.MapGet("/{id:guid}", (Guid id, EquipmentService s, CancellationToken ct) => s.GetAsync(id, ct))
            .RequirePolicy(Policies.SignedIn)
            .WithName("GetEquipment")
            .WithSummary("Get a machine");
        g.MapPost("", async (SaveMachine body, EquipmentService s, CancellationToken ct) =>
            {
                var m = await s.CreateAsync(body, ct);
                return TypedResults.Created($"/api/v1/equipment/{m.Id}", m);
            })
            .RequirePolicy(Policies.EquipmentEditors)
            .WithName("CreateEquipment")
            .WithSummary("Register a machine; warranty defaults to installation + the model's warranty months.");
        g.MapPut("/{id:guid}", (Guid id, SaveMachine body, HttpRequest req, EquipmentService s, CancellationToken ct) =>
                s.UpdateAsync(id, body with { Version = EndpointExtensions.VersionFrom(req, body.Version) }, ct)
            )
            .RequirePolicy(Policies.EquipmentEditors)
            .WithName("UpdateEquipment")
            .WithSummary("Update a machine");
        g.MapPut("/by-external-id/{externalId}", UpsertByExternalId)
            .RequirePolicy(Policies.EquipmentEditors)
            .WithName("UpsertEquipmentByExternalId")
            .WithSummary("Create or update a machine by its ERP id");
        g.MapGet("/{id:guid}/readings", (Guid id, EquipmentService s, CancellationToken ct) => s.ReadingsAsync(id, ct))
            .RequirePolicy(Policies.SignedIn)
            .WithName("ListReadings")
            .WithSummary("List the running-hour readings of a machine");
        g.MapPost("/{id:guid}/readings", async (Guid id, AddReading body, EquipmentService s, CancellationToken ct) =>
            {
                var r = await s.AddReadingAsync(id, body, ct);
                return TypedResults.Created($"/api/v1/equipment/{id}/readings/{r.Id}", r);
            })
            .RequirePolicy(Policies.EquipmentEditors)
            .WithName("AddReading")
            .WithSummary("Running hours; lower than the last reading only with isMeterReplacement.");
        g.MapGet(
                "/{id:guid}/timeline",
                (Guid id, [FromQuery] string[]? kind, int? page, int? pageSize, EquipmentService s, CancellationToken ct) =>
                    s.TimelineAsync(id, kind ?? [], PageRequest.From(page, pageSize), ct)
            )
            .RequirePolicy(Policies.SignedIn)
            .WithName("EquipmentTimeline")
            .WithSummary(
                "The machine file (一机一档), newest first, paged: installation, readings, attachments, work orders, visits, surveys, "
                    + "call-backs, parts fitted and returned. kind (repeated or comma-separated) keeps only those kinds."
            );

        api.MapGet(
                "/public/equipment/{token}",
                async Task<Results<Ok<PublicMachine>, NotFound>> (string token, EquipmentService s, CancellationToken ct) =>
                    await s.FindByTokenAsync(token, ct) is { } m ? TypedResults.Ok(m) : TypedResults.NotFound()
            )
            .AllowAnonymous()
            .RequireRateLimiting("public")
            .WithTags("Public")
            .WithName("PublicEquipment")
            .WithSummary("What a QR scan shows without an account. An unknown token is a plain 404.");
    }

    private static MachineQuery Query(HttpRequest r)
    {
        var read = new QueryReader(r);
        var query = new MachineQuery(
            read.Text("q"),
            read.Id("customerId"),
            read.Id("productId"),
            read.Enum<MachineStatus>("status"),
            read.Bool("inWarranty"),
            read.Text("sort")
        );
        read.ThrowIfInvalid();
        return query;
    }

    private static async Task<IResult> Export(HttpRequest request, EquipmentService s, IStringLocalizer<Strings> t, CancellationToken ct)
    {
        var (query, filters) = (Query(request), CustomerEndpoints.Filters(request));
        await s.CheckAsync(query, filters, ct);
        ExportColumn<MachineDto>[] columns =
        [
            new(t["Equipment.Serial"], m => m.SerialNumber),
            new(t["Equipment.ProductCode"], m => m.ProductCode),
            new(t["Equipment.Product"], m => m.ProductName),
            new(t["Equipment.Customer"], m => m.CustomerName),
            new(t["Equipment.Site"], m => m.SiteName),
            new(t["Equipment.SiteAddress"], m => m.SiteAddress),
            new(t["Equipment.InstalledOn"], m => m.InstalledOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            new(t["Equipment.WarrantyEndsOn"], m =>
                m.WarrantyEndsOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)
            ),
            new(t["Equipment.Status"], m => t[$"Equipment.Status.{m.Status}"].Value),
            new(t["Equipment.Hours"], m => m.LastReadingHours),
        ];
        return ExcelExport.File(s.AllAsync(query, filters), columns, "equipment.xlsx");
    }

    private static async Task<Results<Ok<MachineDto>, Created<MachineDto>>> UpsertByExternalId(
        string externalId,
        SaveMachine body,
        EquipmentService s,
        CancellationToken ct
    )
    {
        var (machine, created) = await s.UpsertByExternalIdAsync(externalId, body, ct);
        return created ? TypedResults.Created($"/api/v1/equipment/{machine.Id}", machine) : TypedResults.Ok(machine);
    }
}
