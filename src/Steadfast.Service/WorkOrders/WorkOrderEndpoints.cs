using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Steadfast.Platform.Api;
using Steadfast.Platform.Identity;
using Steadfast.Service.Sla;

namespace Steadfast.Service.WorkOrders;

internal static class WorkOrderEndpoints
{
    public static void MapWorkOrderEndpoints(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/work-orders").WithTags("Work orders");
        g.MapGet(
                "",
                (
                    WorkOrderStatus? status,
                    WorkOrderType? type,
                    Severity? severity,
                    Guid? customerId,
                    Guid? machineId,
                    Guid? assigneeId,
                    bool? open,
                    string? region,
                    string? productCategory,
                    string? category,
                    DateOnly? reportedFrom,
                    DateOnly? reportedTo,
                    SlaState? sla,
                    string? q,
                    bool? rework,
                    int? page,
                    int? pageSize,
                    WorkOrderService s,
                    CancellationToken ct
                ) =>
                    s.ListAsync(
                        new WorkOrderQuery(status, severity, customerId, machineId, assigneeId, open)
                        {
                            Type = type,
                            Region = region,
                            ProductCategory = productCategory,
                            Category = category,
                            ReportedFrom = reportedFrom,
                            ReportedTo = reportedTo,
                            Sla = sla,
                            Text = q,
                            Rework = rework,
                        },
                        PageRequest.From(page, pageSize),
                        ct
                    )
            )
            .RequirePolicy(Policies.SignedIn)
            .WithName("ListWorkOrders")
            .WithSummary(
                "Work orders you may see, newest first; filter by status, type, severity, engineer, customer, machine, region, product "
                    + "category, report dates, SLA state (onTrack/atRisk/breached), text."
            );
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
}
