using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Steadfast.Platform.Api;
using Steadfast.Platform.Audit;
using Steadfast.Platform.Company;
using Steadfast.Platform.Data;
using Steadfast.Platform.Identity;
using Steadfast.Platform.Localization;
using Steadfast.Platform.Notifications;
using Steadfast.Platform.Outbox;
using Steadfast.Platform.Ui;
using Steadfast.Service.Dispatch;
using Steadfast.Service.Field;
using Steadfast.Service.Sla;
using Steadfast.Service.Surveys;

namespace Steadfast.Service.WorkOrders;

/// <summary>
/// Moves an order along the flow: checks the table (who, from where, what is required), then keeps
/// everything that hangs off a move in step: SLA clocks, visits, costs, the call-back, notifications.
/// </summary>
internal sealed class WorkOrderMoves(
    AppDbContext db,
    WorkOrderService orders,
    Steadfast.Customers.Public.CustomerDirectory customers,
    SlaService sla,
    Notifier notifier,
    CurrentActor actor,
    TimeProvider clock,
    CompanyClock company,
    Microsoft.Extensions.Configuration.IConfiguration config,
    IStringLocalizer<Strings> t,
    Inventory.Public.WorkOrderParts stockParts,
    ConfigCache settings,
    IEnumerable<Public.IContractCoverage> coverage,
    Maintenance.VisitService visits
)
{
    public const long DefaultHourlyRate = 15000;
    private const int MaxHelpers = 5;

    public async Task<WorkOrderDto> TransitionAsync(Guid id, TransitionRequest input, CancellationToken ct)
    {
        var order = await orders.FindAsync(id, ct);
        if (input.To is not { } to || !Enum.IsDefined(to))
            throw AppValidationException.For("to", t["Common.Error.Choice"]);
        if (input.Version is { } v)
            db.ExpectVersion(order, v);
        var step = WorkOrderFlow.From(order.Status).FirstOrDefault(s => s.To == to && s.Roles.Any(actor.IsInRole));
        if (step is null)
        {
            var allowed = orders.Next(order).Select(s => t[$"WorkOrders.Status.{s}"].Value).ToList();
            throw new AppConflictException(
                t[
                    "WorkOrders.Error.Transition",
                    t[$"WorkOrders.Status.{order.Status}"],
                    t[$"WorkOrders.Status.{to}"],
                    allowed.Count == 0 ? "—" : string.Join(", ", allowed)
                ]
            );
        }
        if (step.Needs.HasFlag(Needs.BeAssignee) && order.AssigneeId != actor.UserId)
            throw new AppConflictException(t["WorkOrders.Error.NotYours"]);

        var errors = new ValidationErrors();
        List<Guid> helpers = [];
        if (step.Needs.HasFlag(Needs.Assignee))
        {
            if (input.AssigneeId is not { } assignee || !await IsEngineerAsync(assignee, ct))
                errors.Add("assigneeId", t["WorkOrders.Error.Assignee"]);
            helpers = [.. (input.HelperIds ?? []).Distinct().Where(h => h != input.AssigneeId)];
            if (helpers.Count > MaxHelpers)
                errors.Add("helperIds", t["WorkOrders.Error.Helpers", MaxHelpers]);
            else
                foreach (var h in helpers)
                    if (!await IsEngineerAsync(h, ct))
                    {
                        errors.Add("helperIds", t["WorkOrders.Error.Assignee"]);
                        break;
                    }
        }
        if (step.Needs.HasFlag(Needs.Reason) && string.IsNullOrWhiteSpace(input.Reason))
            errors.Add("reason", t["WorkOrders.Error.Reason"]);
        if (step.Needs.HasFlag(Needs.Signature) && order.SignedAtUtc is null)
            errors.Add("signature", t["WorkOrders.Error.Signature"]);
        if (step.Needs.HasFlag(Needs.SignatureOrReason) && order.SignedAtUtc is null && string.IsNullOrWhiteSpace(input.Reason))
            errors.Add("reason", t["WorkOrders.Error.SignatureOrReason"]);
        if (input.Reason is { Length: > 2000 })
            errors.Add("reason", t["Common.Error.MaxLength", 2000]);
        if (step.Needs.HasFlag(Needs.Resolution))
        {
            orders.Required(input.Diagnosis, 4000, "diagnosis", errors);
            orders.Required(input.RootCause, 100, "rootCause", errors);
            orders.Required(input.Actions, 4000, "actions", errors);
            await visits.CheckResolvableAsync(order, errors, ct);
        }
        if (input.LabourHours is { } hours && (hours < 0 || hours > 500 || double.IsNaN(hours)))
            errors.Add("labourHours", t["Common.Error.Range", 0, 500]);
        if (input.PartsCost is < 0 or > 100_000_000_00)
            errors.Add("partsCost", t["Common.Error.Range", 0, 100_000_000_00]);
        if (input.TravelCost is < 0 or > 100_000_000_00)
            errors.Add("travelCost", t["Common.Error.Range", 0, 100_000_000_00]);
        if (input.PartsUsed is { Length: > 2000 })
            errors.Add("partsUsed", t["Common.Error.MaxLength", 2000]);
        Position(input.Latitude, input.Longitude, errors);
        if (input.QrToken is { Length: > 40 })
            errors.Add("qrToken", t["Common.Error.MaxLength", 40]);
        errors.ThrowIfAny();
        var qrVerified =
            to == WorkOrderStatus.OnSite && input.QrToken is { Length: > 0 } token && await LabelMatchesAsync(order, token, ct);

        // The bulk statements below (helpers, visits, due items) and the order's own row commit together or not at all.
        await db.InTransactionAsync(
            async () =>
            {
                var now = clock.GetUtcNow().UtcDateTime;
                var from = order.Status;
                order.Status = to;
                if (step.Needs.HasFlag(Needs.Assignee))
                {
                    order.AssigneeId = input.AssigneeId;
                    order.AssignedAtUtc = now;
                    await db.Set<WorkOrderHelper>().Where(h => h.WorkOrderId == order.Id).ExecuteDeleteAsync(ct);
                    foreach (var h in helpers)
                        db.Add(new WorkOrderHelper { WorkOrderId = order.Id, UserId = h });
                }
                if (from == WorkOrderStatus.Assigned && to == WorkOrderStatus.New)
                    order.AssigneeId = null;
                if (to == WorkOrderStatus.Accepted && order.FirstResponseAtUtc is null)
                {
                    order.FirstResponseAtUtc = now;
                    order.FirstResponseMinutes = Minutes(order.ReportedAtUtc, now);
                }
                if (to == WorkOrderStatus.OnSite && from != WorkOrderStatus.Resolved)
                    await CheckInAsync(order, input.Latitude, input.Longitude, qrVerified, now, ct);
                if (to == WorkOrderStatus.OnSite)
                    order.ArrivedAtUtc ??= now;
                if (to == WorkOrderStatus.Resolved)
                {
                    (order.Diagnosis, order.RootCause, order.Actions) = (
                        input.Diagnosis!.Trim(),
                        input.RootCause!.Trim(),
                        input.Actions!.Trim()
                    );
                    order.ResolvedAtUtc = now;
                    order.ResolutionMinutes = Minutes(order.ReportedAtUtc, now);
                    await CostsAsync(order, input, ct);
                    await visits.OnResolvedAsync(order, now, ct);
                }
                if (to == WorkOrderStatus.Closed)
                {
                    order.ClosedAtUtc = now;
                    order.CloseMinutes = Minutes(order.ReportedAtUtc, now);
                    await AfterCloseAsync(order, now, ct);
                }
                if (from == WorkOrderStatus.Closed)
                {
                    (order.ClosedAtUtc, order.ResolvedAtUtc, order.ResolutionMinutes, order.CloseMinutes) = (null, null, null, null);
                    order.ReopenCount++;
                }
                if (from == WorkOrderStatus.Resolved && to == WorkOrderStatus.OnSite)
                    order.ReopenCount++;
                if (to == WorkOrderStatus.Cancelled && order.VisitTaken && order.ContractId is { } contract)
                {
                    // The visit did not happen: the contract gets it back, and the order no longer claims it.
                    foreach (var c in coverage)
                        await c.ReturnVisitAsync(contract, ct);
                    order.VisitTaken = false;
                }
                if (to == WorkOrderStatus.Cancelled)
                    await visits.OnCancelledAsync(order, ct);
                await sla.OnMoveAsync(order, from, to, ct);
                orders.AddEvent(order, from, input.Reason?.Trim() ?? "");
                if (to == WorkOrderStatus.Assigned)
                    await notifier.NotifyAsync(
                        "Assigned",
                        [order.AssigneeId!.Value, .. helpers],
                        $"/m/orders/{order.Id}",
                        [order.Number, await CustomerNameAsync(order, ct), Short(order.FaultDescription)],
                        ct
                    );
                await db.SaveChangesAsync(ct);
                return true;
            },
            ct
        );
        return await orders.GetAsync(id, ct);
    }

    /// <summary>Leaving the site: closes the open visit with the phone's position. The status does not change.</summary>
    public async Task<WorkOrderDto> CheckOutAsync(Guid id, double? latitude, double? longitude, CancellationToken ct)
    {
        var order = await orders.FindAsync(id, ct);
        if (order.AssigneeId != actor.UserId)
            throw new AppConflictException(t["WorkOrders.Error.NotYours"]);
        var errors = new ValidationErrors();
        Position(latitude, longitude, errors);
        errors.ThrowIfAny();
        var visit = await db.Set<WorkOrderVisit>()
            .Where(v => v.WorkOrderId == id && v.CheckOutAtUtc == null)
            .OrderByDescending(v => v.CheckInAtUtc)
            .FirstOrDefaultAsync(ct)
            ?? throw new AppConflictException(t["WorkOrders.Error.NoVisit"]);
        (visit.CheckOutAtUtc, visit.CheckOutLatitude, visit.CheckOutLongitude) = (clock.GetUtcNow().UtcDateTime, latitude, longitude);
        await db.SaveChangesAsync(ct);
        return await orders.GetAsync(id, ct);
    }

    /// <summary>
    /// A scanned label proves presence only at the order's own machine: another machine's label (or an unknown one) is a
    /// conflict naming the machine expected, and nothing is written.
    /// </summary>
    private async Task<bool> LabelMatchesAsync(WorkOrder order, string token, CancellationToken ct)
    {
        var scanned = await customers.MachineByTokenAsync(token, ct);
        if (scanned is not null && scanned.Id == order.MachineId)
            return true;
        var expected = order.MachineId is { } m ? await customers.MachineForTokenHolderAsync(m, ct) : null;
        throw new AppConflictException(
            t["Field.Error.WrongLabel", expected?.SerialNumber ?? "—"],
            new Dictionary<string, object?>
            {
                ["expectedMachineId"] = order.MachineId,
                ["expectedSerialNumber"] = expected?.SerialNumber,
                ["scannedSerialNumber"] = scanned?.SerialNumber,
            }
        );
    }

    private async Task CheckInAsync(
        WorkOrder order,
        double? latitude,
        double? longitude,
        bool qrVerified,
        DateTime now,
        CancellationToken ct
    )
    {
        var site = order.MachineId is { } m ? await customers.MachineForTokenHolderAsync(m, ct) : null;
        var limit = await db.Set<ServiceSettings>()
            .Where(s => s.Id == ServiceSettings.SingletonId)
            .Select(s => (int?)s.CheckInDistanceMeters)
            .SingleOrDefaultAsync(ct)
            ?? 500;
        double? distance =
            latitude is { } la && longitude is { } lo && site is { Latitude: { } sla2, Longitude: { } slo }
                ? Geo.Meters(la, lo, sla2, slo)
                : null;
        // Closes a visit left open (the engineer forgot to check out) before the next one starts.
        await db.Set<WorkOrderVisit>()
            .Where(v => v.WorkOrderId == order.Id && v.CheckOutAtUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.CheckOutAtUtc, now), ct);
        db.Add(
            new WorkOrderVisit
            {
                Id = Guid.CreateVersion7(),
                WorkOrderId = order.Id,
                CustomerId = order.CustomerId,
                MachineId = order.MachineId,
                EngineerId = actor.UserId ?? Guid.Empty,
                CheckInAtUtc = now,
                CheckInLatitude = latitude,
                CheckInLongitude = longitude,
                CheckInDistance = distance,
                QrVerified = qrVerified,
                // A label scanned at the machine is presence enough; otherwise the phone's position must be near the site.
                Flagged = !qrVerified && (latitude is null || distance > limit),
            }
        );
        order.VisitCount++;
    }

    private async Task CostsAsync(WorkOrder order, TransitionRequest input, CancellationToken ct)
    {
        var rate = await db.Set<EngineerProfile>()
            .Where(p => p.UserId == order.AssigneeId)
            .Select(p => (long?)p.HourlyRate)
            .FirstOrDefaultAsync(ct)
            ?? DefaultHourlyRate;
        order.LabourHours = Math.Round(input.LabourHours ?? 0, 2);
        order.LabourCost = (long)Math.Round(order.LabourHours * rate);
        // Stock parts come from the ledger; the field is for parts bought on the spot.
        order.PartsCost = await stockParts.CostAsync(order.Id, ct) + (input.PartsCost ?? 0);
        order.TravelCost = input.TravelCost ?? 0;
        order.PartsUsed = input.PartsUsed?.Trim() ?? "";
        await CoverPartsAsync(order, input.PartsCost ?? 0, ct);
    }

    /// <summary>
    /// The contract's share of the parts, taken under its cap when the order is resolved (given back first if it was
    /// resolved before). Less than its percent would give means the cap ran out: the dispatchers are told, as for visits.
    /// </summary>
    private async Task CoverPartsAsync(WorkOrder order, long otherParts, CancellationToken ct)
    {
        if (order.ContractId is not { } contractId || order.InWarranty || coverage.FirstOrDefault() is not { } contracts)
            return;
        if (order.PartsCovered is > 0)
            await contracts.ReturnPartsAsync(contractId, order.PartsCovered.Value, ct);
        var byPart = await stockParts.CostByPartAsync(order.Id, ct);
        var cover = await contracts.CoverPartsAsync(contractId, byPart, otherParts, order.CoveredPartsPercent, ct);
        order.PartsCovered = cover.Covered;
        if (!cover.CapReached)
            return;
        order.EntitlementExhausted = true;
        await notifier.NotifyAsync(
            "PartsCapReached",
            await notifier.UsersInRolesAsync([Roles.Dispatcher, Roles.ServiceManager], ct),
            $"/service/{order.Id}",
            [order.Number, order.ContractNumber, Money.Amount(order.PartsCost - cover.Covered)],
            ct
        );
    }

    /// <summary>The SOP after a close: the customer gets the survey link, the desk gets a call-back task.</summary>
    private async Task AfterCloseAsync(WorkOrder order, DateTime now, CancellationToken ct)
    {
        var days = await db.Set<ServiceSettings>()
            .Where(s => s.Id == ServiceSettings.SingletonId)
            .Select(s => (int?)s.CallbackWorkingDays)
            .SingleOrDefaultAsync(ct)
            ?? 2;
        var calendar = await BusinessCalendar.LoadAsync(db, settings, ct);
        var due = calendar.EndOfWorkingDay(now, days);
        if (!await db.Set<CallbackTask>().AnyAsync(c => c.WorkOrderId == order.Id && c.DoneAtUtc == null, ct))
            db.Add(
                new CallbackTask
                {
                    Id = Guid.CreateVersion7(),
                    WorkOrderId = order.Id,
                    CustomerId = order.CustomerId,
                    MachineId = order.MachineId,
                    DueAtUtc = due,
                }
            );
        await notifier.NotifyAsync(
            "CallbackDue",
            await notifier.UsersInRolesAsync([Roles.Dispatcher], ct),
            "/service/callbacks",
            [order.Number, order.ContactName, SlaService.FormatLocal(due, company.Zone())],
            ct
        );
        if (order.ContactEmail.Length > 0)
            db.Enqueue(
                "email.direct",
                new DirectEmail(
                    order.ContactEmail,
                    t["Survey.Mail.Subject", order.Number],
                    t[
                        "Survey.Mail.Body",
                        order.ContactName,
                        order.Number,
                        NotificationText.Absolute(config, $"/s/{order.SurveyToken}"),
                        NotificationText.Absolute(config, $"/r/{order.TrackingToken}")
                    ]
                ),
                now
            );
    }

    private async Task<bool> IsEngineerAsync(Guid id, CancellationToken ct) =>
        await db.ActiveInRoles(Roles.Engineer).AnyAsync(u => u.Id == id, ct);

    private async Task<string> CustomerNameAsync(WorkOrder order, CancellationToken ct) =>
        (await customers.CustomerFactsAsync(order.CustomerId, ct))?.Name ?? "";

    private void Position(double? latitude, double? longitude, ValidationErrors errors)
    {
        if (latitude is { } la && (la is < -90 or > 90 || double.IsNaN(la)))
            errors.Add("latitude", t["Common.Error.Range", -90, 90]);
        if (longitude is { } lo && (lo is < -180 or > 180 || double.IsNaN(lo)))
            errors.Add("longitude", t["Common.Error.Range", -180, 180]);
        if ((latitude is null) != (longitude is null))
            errors.Add(latitude is null ? "latitude" : "longitude", t["WorkOrders.Error.Position"]);
    }

    private static int Minutes(DateTime from, DateTime to) => (int)Math.Round((to - from).TotalMinutes);

    private static string Short(string s) => s.Length > 80 ? s[..80] + "…" : s;
}

public static class Geo
{
    /// <summary>Great-circle distance in metres (haversine): plenty for "is the engineer at the site".</summary>
    public static double Meters(double lat1, double lon1, double lat2, double lon2)
    {
        const double R = 6_371_000;
        static double Rad(double d) => d * Math.PI / 180;
        var dLat = Rad(lat2 - lat1);
        var dLon = Rad(lon2 - lon1);
        var a =
            Math.Sin(dLat / 2) * Math.Sin(dLat / 2) + Math.Cos(Rad(lat1)) * Math.Cos(Rad(lat2)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * R * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }
}
