using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;
using Steadfast.Platform.Api;
using Steadfast.Platform.Identity;
using Steadfast.Platform.ImportExport;
using Steadfast.Platform.Localization;
using Steadfast.Platform.Ui;
using Steadfast.Service.Sla;

namespace Steadfast.Service.WorkOrders;

internal static class WorkOrderEndpoints
{
    public static void MapWorkOrderEndpoints(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/work-orders").WithTags("Work orders");
        g.MapGet("", ([AsParameters] WorkOrderFilters f, int? page, int? pageSize, WorkOrderService s, CancellationToken ct) =>
                s.ListAsync(f.ToQuery(), PageRequest.From(page, pageSize), ct)
            )
            .RequirePolicy(Policies.SignedIn)
            .WithName("ListWorkOrders")
            .WithSummary(
                "Work orders you may see, newest first; filter by status, type, severity, engineer, customer, machine, region, product "
                    + "category, report dates, SLA state (onTrack/atRisk/breached), text (number, fault, diagnosis, contact, phone, "
                    + "serial)."
            );
        g.MapGet("/export", Export)
            .RequirePolicy(Policies.Exporters)
            .WithName("ExportWorkOrders")
            .WithSummary(
                "The filtered list as .xlsx, newest first, headers and values in your language; at most 100,000 rows (more is a 400: "
                    + "narrow the filters)."
            )
            .ProducesXlsx();
        g.MapGet(
                "/summary",
                (
                    Guid? customerId,
                    WorkOrderService s,
                    Microsoft.Extensions.Localization.IStringLocalizer<Platform.Localization.Strings> t,
                    CancellationToken ct
                ) =>
                    customerId is { } c
                        ? s.CustomerSummaryAsync(c, ct)
                        : throw AppValidationException.For("customerId", t["Common.Error.Required"])
            )
            .RequirePolicy(Policies.SignedIn)
            .WithName("CustomerServiceSummary")
            .WithSummary(
                "A customer's service at a glance: orders, open, last 12 months, rework, billable and warranty cost (fen), labour hours."
            );
        g.MapGet("/{id:guid}", (Guid id, WorkOrderService s, CancellationToken ct) => s.GetAsync(id, ct))
            .RequirePolicy(Policies.SignedIn)
            .WithName("GetWorkOrder")
            .WithSummary("One work order; next lists the statuses you may move it to.");
        g.MapGet("/{id:guid}/events", (Guid id, WorkOrderService s, CancellationToken ct) => s.EventsAsync(id, ct))
            .RequirePolicy(Policies.Staff)
            .WithName("WorkOrderEvents")
            .WithSummary("The order's lifecycle events");
        g.MapGet("/{id:guid}/sla", async (Guid id, WorkOrderService s, SlaService sla, CancellationToken ct) =>
                await sla.ClocksAsync(await s.GetAsync(id, ct), ct)
            )
            .RequirePolicy(Policies.Staff)
            .WithName("WorkOrderSla")
            .WithSummary("The order's SLA targets: deadline, met or breached, share of the target used.");
        g.MapPost("", async (CreateWorkOrder body, WorkOrderService s, CancellationToken ct) =>
            {
                var w = await s.CreateAsync(body, ct);
                return TypedResults.Created($"/api/v1/work-orders/{w.Id}", w);
            })
            .RequirePolicy(Policies.ServiceRequesters)
            .WithName("CreateWorkOrder")
            .WithSummary(
                "Intake from a call (desk) or the portal (customers and dealers, for their own machines): customer, machine, contact, "
                    + "fault, category and severity are required."
            );
        g.MapPost("/{id:guid}/transitions", (Guid id, TransitionRequest body, HttpRequest req, WorkOrderMoves s, CancellationToken ct) =>
                s.TransitionAsync(id, body with { Version = EndpointExtensions.VersionFrom(req, body.Version) }, ct)
            )
            .RequirePolicy(Policies.ServiceWork)
            .WithName("TransitionWorkOrder")
            .WithSummary("Move the order ({ \"to\": \"accepted\" }); a move the flow does not allow is 409 naming the allowed ones.");

        api.MapPost(
                "/public/equipment/{token}/requests",
                async Task<Results<Created<PublicReceipt>, Ok<PublicReceipt>>> (
                    string token,
                    PublicRequest body,
                    WorkOrderService s,
                    CancellationToken ct
                ) =>
                {
                    var receipt = await s.ReportFromQrAsync(token, body, ct);
                    return receipt.JoinedOpenOrder
                        ? TypedResults.Ok(receipt)
                        : TypedResults.Created($"/api/v1/public/work-orders/{receipt.TrackingToken}", receipt);
                }
            )
            .AllowAnonymous()
            .RequireRateLimiting("public")
            .WithTags("Public")
            .WithName("ReportFromQr")
            .WithSummary(
                "Report a fault from the machine's QR code, without an account. While an order is open for the machine the report joins "
                    + "it (200) instead of opening another (201)."
            );
        api.MapGet(
                "/public/work-orders/{trackingToken}",
                async Task<Results<Ok<PublicStatus>, NotFound>> (string trackingToken, WorkOrderService s, CancellationToken ct) =>
                    await s.TrackAsync(trackingToken, ct) is { } status ? TypedResults.Ok(status) : TypedResults.NotFound()
            )
            .AllowAnonymous()
            .RequireRateLimiting("public")
            .WithTags("Public")
            .WithName("TrackWorkOrder")
            .WithSummary("Track a work order by its tracking token (no account needed)");
    }

    private static async Task<IResult> Export(
        [AsParameters] WorkOrderFilters f,
        WorkOrderService s,
        IStringLocalizer<Strings> t,
        CancellationToken ct
    )
    {
        var query = f.ToQuery();
        await s.CheckExportAsync(query, ct);
        ExportColumn<WorkOrderDto>[] columns =
        [
            new(t["WorkOrders.Number"], w => w.Number),
            new(t["WorkOrders.Type"], w => t[$"WorkOrders.Type.{w.Type}"].Value),
            new(t["WorkOrders.Status"], w => t[$"WorkOrders.Status.{w.Status}"].Value),
            new(t["WorkOrders.Severity"], w => t[$"WorkOrders.Severity.{w.Severity}"].Value),
            new(t["WorkOrders.Customer"], w => w.CustomerName),
            new(t["WorkOrders.Region"], w => w.Region),
            new(t["WorkOrders.ProductCategory"], w => w.ProductCategory),
            new(t["WorkOrders.Category"], w => w.Category),
            new(t["WorkOrders.Fault"], w => w.FaultDescription),
            new(t["WorkOrders.Contact"], w => w.ContactName),
            new(t["WorkOrders.Phone"], w => w.ContactPhone),
            new(t["WorkOrders.Engineer"], w => w.AssigneeName),
            new(t["WorkOrders.Reported"], w => Local(w.ReportedAt)),
            new(t["WorkOrders.ResolvedAt"], w => Local(w.ResolvedAt)),
            new(t["WorkOrders.ClosedAt"], w => Local(w.ClosedAt)),
            new(t["Sla.Title"], w => w.SlaPolicyId is null ? ""
                : SlaMissed(w) ? t["Timeline.SlaMissed"].Value
                : t["Timeline.SlaMet"].Value),
            new(t["WorkOrders.Rework"], w => w.ReworkOfId is null ? "" : t["WorkOrders.Rework"].Value),
            new(t["WorkOrders.RootCause"], w => w.RootCause.Length == 0 ? "" : t[$"WorkOrders.RootCause.{w.RootCause}"].Value),
            new(t["Field.LabourHours"], w => w.LabourHours),
            new(t["WorkOrders.CostYuan"], w => (w.LabourCost + w.TravelCost + w.PartsCost) / 100.0),
        ];
        return ExcelExport.File(s.AllAsync(query, ct), columns, "work-orders.xlsx");

        string Local(DateTime? utc) =>
            utc is { } u ? s.Company.ToLocal(u).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) : "";
        static bool SlaMissed(WorkOrderDto w) =>
            w.FirstResponseBreached == true || w.ArrivalBreached == true || w.ResolutionBreached == true;
    }
}

/// <summary>The work-order list's filters, as the list and its export both read them from the query string.</summary>
internal sealed record WorkOrderFilters(
    WorkOrderStatus? Status,
    WorkOrderType? Type,
    Severity? Severity,
    Guid? CustomerId,
    Guid? MachineId,
    Guid? AssigneeId,
    bool? Open,
    string? Region,
    string? ProductCategory,
    string? Category,
    DateOnly? ReportedFrom,
    DateOnly? ReportedTo,
    SlaState? Sla,
    string? Q,
    bool? Rework
)
{
    public WorkOrderQuery ToQuery() =>
        new(Status, Severity, CustomerId, MachineId, AssigneeId, Open)
        {
            Type = Type,
            Region = Region,
            ProductCategory = ProductCategory,
            Category = Category,
            ReportedFrom = ReportedFrom,
            ReportedTo = ReportedTo,
            Sla = Sla,
            Text = Q,
            Rework = Rework,
        };
}
