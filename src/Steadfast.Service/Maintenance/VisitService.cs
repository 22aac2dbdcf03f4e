using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Steadfast.Customers.Public;
using Steadfast.Inventory.Public;
using Steadfast.Platform.Api;
using Steadfast.Platform.Audit;
using Steadfast.Platform.Data;
using Steadfast.Platform.Files;
using Steadfast.Platform.Identity;
using Steadfast.Platform.Localization;
using Steadfast.Platform.Notifications;
using Steadfast.Platform.Ui;
using Steadfast.Service.Field;
using Steadfast.Service.WorkOrders;

namespace Steadfast.Service.Maintenance;

/// <summary>
/// A preventive visit from the proposed date to the done tasks: the customer's answer, the checklist on the engineer's phone, the
/// corrective order a finding opens, and, when the order is resolved, each task's next due counted from the day it was done.
/// </summary>
internal sealed class VisitService(
    AppDbContext db,
    WorkOrderService orders,
    FieldService field,
    CustomerDirectory customers,
    PartModels parts,
    AttachmentService attachments,
    Notifier notifier,
    CurrentActor actor,
    TimeProvider clock,
    CompanyClock company,
    IStringLocalizer<Strings> t
)
{
    private DateOnly Today() => DateOnly.FromDateTime(company.ToLocal(clock.GetUtcNow().UtcDateTime));

    /// <summary>The visit behind a work order the caller may see; null when the order is not a planned visit.</summary>
    public async Task<PlannedVisitDto?> GetAsync(Guid orderId, CancellationToken ct)
    {
        var order = await orders.FindAsync(orderId, ct);
        return await DtoAsync(order, ct);
    }

    /// <summary>The checklist results for the service report, by the order's tracking token (the token is the key; no account).</summary>
    public async Task<PlannedVisitDto?> ForReportAsync(string trackingToken, CancellationToken ct)
    {
        if (trackingToken.Length is < 16 or > 40)
            return null;
        var order = await db.Set<WorkOrder>().AsNoTracking().SingleOrDefaultAsync(w => w.TrackingToken == trackingToken, ct);
        return order is null || order.Source != WorkOrderSource.Preventive ? null : await DtoAsync(order, ct);
    }

    /// <summary>The caller's company's visits (portal): the coming ones and those of the last 90 days, soonest first.</summary>
    public async Task<List<PlannedVisitDto>> MineAsync(CancellationToken ct)
    {
        var visible = customers.VisibleCustomerIds();
        var since = Today().AddDays(-90);
        var ids = await db.Set<MaintenanceVisit>()
            .Where(v => visible.Contains(v.CustomerId) && v.ProposedOn >= since && v.Status != VisitStatus.Cancelled)
            .OrderBy(v => v.Status == VisitStatus.Done)
            .ThenBy(v => v.ProposedOn)
            .Select(v => v.Id)
            .Take(50)
            .ToListAsync(ct);
        var list = new List<PlannedVisitDto>();
        foreach (var id in ids)
            if (await DtoAsync(await db.Set<WorkOrder>().AsNoTracking().SingleAsync(w => w.Id == id, ct), ct) is { } dto)
                list.Add(dto);
        return list;
    }

    private async Task<PlannedVisitDto?> DtoAsync(WorkOrder order, CancellationToken ct)
    {
        var visit = await db.Set<MaintenanceVisit>().AsNoTracking().SingleOrDefaultAsync(v => v.Id == order.Id, ct);
        if (visit is null)
            return null;
        var items = await db.Set<VisitItem>()
            .AsNoTracking()
            .Where(i => i.WorkOrderId == order.Id)
            .OrderBy(i => i.DueOn)
            .ThenBy(i => i.Id)
            .ToListAsync(ct);
        var itemIds = items.Select(i => i.Id).ToList();
        var answers = await db.Set<CheckAnswer>().AsNoTracking().Where(a => itemIds.Contains(a.VisitItemId)).ToListAsync(ct);
        var correctiveIds = answers.Select(a => a.CorrectiveOrderId).OfType<Guid>().ToList();
        var numbers = await db.Set<WorkOrder>().Where(w => correctiveIds.Contains(w.Id)).ToDictionaryAsync(w => w.Id, w => w.Number, ct);
        var facts = (await customers.MachineFactsAsync([.. items.Select(i => i.MachineId).Distinct()], ct)).ToDictionary(f => f.Id);
        var labels = await parts.LabelsAsync([.. items.SelectMany(i => i.Parts).Select(p => p.PartId).Distinct()], ct);
        var byItem = answers.ToLookup(a => a.VisitItemId);
        var dtos = items
            .Select(i =>
            {
                var mine = byItem[i.Id].ToDictionary(a => a.Key, StringComparer.Ordinal);
                return new VisitItemDto(
                    i.Id,
                    i.MachineId,
                    facts.GetValueOrDefault(i.MachineId)?.SerialNumber ?? "",
                    facts.GetValueOrDefault(i.MachineId)?.ProductName ?? "",
                    i.Name,
                    i.DueOn,
                    i.DueBy,
                    i.Outcome,
                    i.DoneOn,
                    [
                        .. i.Checklist.Select(c => new CheckLine(
                            c,
                            mine.TryGetValue(c.Key, out var a)
                                ? new AnswerDto(
                                    a.Key,
                                    a.Passed,
                                    a.Value,
                                    a.Finding,
                                    a.PhotoId,
                                    a.Note,
                                    a.CorrectiveOrderId,
                                    a.CorrectiveOrderId is { } w ? numbers.GetValueOrDefault(w, "") : ""
                                )
                                : null
                        )),
                    ],
                    [.. i.Parts.Select(p => new TaskPartDto(p.PartId, labels.GetValueOrDefault(p.PartId, ""), p.Quantity))]
                );
            })
            .ToList();
        return new PlannedVisitDto(
            order.Id,
            order.Number,
            order.CustomerId,
            (await customers.CustomerNamesAsync([order.CustomerId], ct)).GetValueOrDefault(order.CustomerId, ""),
            visit.Site,
            visit.ProposedOn,
            visit.Status,
            visit.AskedOn,
            visit.AskedNote,
            dtos,
            dtos.Where(d => d.Outcome == ItemOutcome.Open).Sum(d => d.Checklist.Count(c => c.Answer is null)),
            answers.Count(a => a.Finding),
            visit.Version
        );
    }

    /// <summary>Answers one checklist item on site: pass/fail, or a measured number checked against the item's limits.</summary>
    public async Task<AnswerDto> AnswerAsync(Guid orderId, Guid itemId, string key, AnswerInput input, CancellationToken ct)
    {
        var order = await orders.FindAsync(orderId, ct);
        await MustWorkOnAsync(order, ct);
        if (order.Status != WorkOrderStatus.OnSite)
            throw new AppConflictException(t["Maintenance.Error.NotOnSite"]);
        var item = await db.Set<VisitItem>().AsNoTracking().SingleOrDefaultAsync(i => i.Id == itemId && i.WorkOrderId == orderId, ct)
            ?? throw new AppNotFoundException(t["Common.NotFound"]);
        var check = item.Checklist.FirstOrDefault(c => c.Key == key) ?? throw new AppNotFoundException(t["Common.NotFound"]);
        var errors = new ValidationErrors();
        if (check.Kind == CheckKind.PassFail && input.Passed is null)
            errors.Add("passed", t["Common.Error.Required"]);
        if (check.Kind == CheckKind.Measure && input.Value is not { } value)
            errors.Add("value", t["Maintenance.Error.Number"]);
        else if (input.Value is { } v && !double.IsFinite(v))
            errors.Add("value", t["Maintenance.Error.Number"]);
        if (input.Note is { Length: > 1000 })
            errors.Add("note", t["Common.Error.MaxLength", 1000]);
        if (check.Photo && input.PhotoId is null)
            errors.Add("photoId", t["Maintenance.Error.PhotoRequired"]);
        if (
            input.PhotoId is { } photo
            && !(await attachments.ListAsync(WorkOrderService.RecordType, orderId, ct)).Any(a =>
                a.Id == photo && a.Kind != AttachmentKind.Signature
            )
        )
            errors.Add("photoId", t["Maintenance.Error.Photo"]);
        errors.ThrowIfAny();
        var finding = check.Kind == CheckKind.Measure ? check.OutOfLimits(input.Value!.Value) : input.Passed == false;
        var answer = await db.Set<CheckAnswer>().SingleOrDefaultAsync(a => a.VisitItemId == itemId && a.Key == key, ct);
        if (answer is null)
            db.Add(
                answer = new CheckAnswer
                {
                    Id = Guid.CreateVersion7(),
                    VisitItemId = itemId,
                    WorkOrderId = orderId,
                    Key = key,
                }
            );
        answer.Passed = check.Kind == CheckKind.PassFail ? input.Passed : !finding;
        answer.Value = check.Kind == CheckKind.Measure ? input.Value : null;
        answer.Finding = finding;
        answer.PhotoId = input.PhotoId;
        answer.Note = input.Note?.Trim() ?? "";
        answer.AnsweredAtUtc = clock.GetUtcNow().UtcDateTime;
        answer.AnsweredById = actor.UserId;
        await db.SaveChangesAsync(ct);
        var number = answer.CorrectiveOrderId is { } c
            ? await db.Set<WorkOrder>().Where(w => w.Id == c).Select(w => w.Number).FirstAsync(ct)
            : "";
        return new AnswerDto(
            key,
            answer.Passed,
            answer.Value,
            answer.Finding,
            answer.PhotoId,
            answer.Note,
            answer.CorrectiveOrderId,
            number
        );
    }

    /// <summary>Opens the repair a finding calls for, on the item's machine; asked again, answers the order it already opened.</summary>
    public async Task<WorkOrderDto> CorrectiveAsync(Guid orderId, Guid itemId, string key, CancellationToken ct)
    {
        var order = await orders.FindAsync(orderId, ct);
        await MustWorkOnAsync(order, ct);
        var item = await db.Set<VisitItem>().AsNoTracking().SingleOrDefaultAsync(i => i.Id == itemId && i.WorkOrderId == orderId, ct)
            ?? throw new AppNotFoundException(t["Common.NotFound"]);
        var check = item.Checklist.FirstOrDefault(c => c.Key == key) ?? throw new AppNotFoundException(t["Common.NotFound"]);
        var answer = await db.Set<CheckAnswer>().SingleOrDefaultAsync(a => a.VisitItemId == itemId && a.Key == key, ct);
        if (answer is not { Finding: true })
            throw new AppConflictException(t["Maintenance.Error.NoFinding"]);
        if (answer.CorrectiveOrderId is { } existing)
            return await orders.GetAsync(existing, ct);
        var customer = await customers.CustomerFactsAsync(order.CustomerId, ct) ?? throw new AppNotFoundException(t["Common.NotFound"]);
        var machine = await customers.MachineForTokenHolderAsync(item.MachineId, ct)
            ?? throw new AppNotFoundException(t["Common.NotFound"]);
        var reading = answer.Value is { } v ? $" = {v.ToString(CultureInfo.InvariantCulture)}{check.Unit} ({Limits(check)})" : "";
        var text =
            t["Maintenance.FindingText", order.Number, item.Name, check.Text + reading]
            + (answer.Note.Length > 0 ? "\n" + answer.Note : "");
        var opened = await db.InTransactionAsync(
            async () =>
            {
                var repair = await orders.OpenForAsync(
                    WorkOrderType.Repair,
                    WorkOrderSource.Inspection,
                    customer,
                    machine,
                    new SiteContact(order.ContactName, order.ContactPhone, order.ContactEmail),
                    text,
                    t["Maintenance.FindingCategory"],
                    ct
                );
                // Claimed on the answer in the same transaction: two taps open one order.
                var claimed = await db.Set<CheckAnswer>()
                    .Where(a => a.Id == answer.Id && a.CorrectiveOrderId == null)
                    .ExecuteUpdateAsync(x => x.SetProperty(a => a.CorrectiveOrderId, repair.Id), ct);
                if (claimed == 0)
                    throw new AppConflictException(t["Maintenance.Error.AlreadyOpened"]);
                return repair.Id;
            },
            ct
        );
        return await orders.GetAsync(opened, ct);
    }

    private static string Limits(CheckItem c) =>
        (c.Min, c.Max) switch
        {
            ({ } min, { } max) => $"{min.ToString(CultureInfo.InvariantCulture)}–{max.ToString(CultureInfo.InvariantCulture)}",
            ({ } min, null) => $"≥ {min.ToString(CultureInfo.InvariantCulture)}",
            (null, { } max) => $"≤ {max.ToString(CultureInfo.InvariantCulture)}",
            _ => "",
        };

    private async Task MustWorkOnAsync(WorkOrder order, CancellationToken ct)
    {
        if (
            actor.IsInRole(Roles.Engineer)
            && !actor.IsInRole(Roles.Dispatcher)
            && !actor.IsInRole(Roles.Admin)
            && !await field.OnOrderAsync(order, ct)
        )
            throw new AppConflictException(t["WorkOrders.Error.NotYours"]);
    }

    /// <summary>The customer confirms the proposed date or asks for another; the desk is told of a new date asked.</summary>
    public async Task<PlannedVisitDto> ReplyAsync(Guid orderId, VisitReply input, CancellationToken ct)
    {
        var visible = customers.VisibleCustomerIds();
        var visit = await db.Set<MaintenanceVisit>().Where(v => v.Id == orderId && visible.Contains(v.CustomerId)).SingleOrDefaultAsync(ct)
            ?? throw new AppNotFoundException(t["Common.NotFound"]);
        if (input.Version is not { } version)
            throw AppValidationException.For("version", t["Common.Error.VersionRequired"]);
        db.ExpectVersion(visit, version);
        if (visit.Status is VisitStatus.Done or VisitStatus.Cancelled)
            throw new AppConflictException(t["Maintenance.Error.VisitClosed"]);
        var errors = new ValidationErrors();
        if (input.Confirm is null)
            errors.Add("confirm", t["Common.Error.Required"]);
        var today = Today();
        if (input.Confirm == false && (input.AskedOn is not { } asked || asked <= today || asked > today.AddDays(180)))
            errors.Add("askedOn", t["Maintenance.Error.AskedOn", 180]);
        if (input.Note is { Length: > 500 })
            errors.Add("note", t["Common.Error.MaxLength", 500]);
        errors.ThrowIfAny();
        var order = await db.Set<WorkOrder>().AsNoTracking().SingleAsync(w => w.Id == orderId, ct);
        visit.AnsweredAtUtc = clock.GetUtcNow().UtcDateTime;
        if (input.Confirm == true)
        {
            visit.Status = VisitStatus.Confirmed;
            (visit.AskedOn, visit.AskedNote) = (null, input.Note?.Trim() ?? "");
        }
        else
        {
            visit.Status = VisitStatus.NewDateAsked;
            (visit.AskedOn, visit.AskedNote) = (input.AskedOn, input.Note?.Trim() ?? "");
            await notifier.NotifyAsync(
                "MaintenanceNewDate",
                await notifier.UsersInRolesAsync([Roles.Dispatcher, Roles.ServiceManager], ct),
                $"/service/{orderId}",
                [order.Number, input.AskedOn!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), visit.AskedNote],
                ct
            );
        }
        await db.SaveChangesAsync(ct);
        return (await DtoAsync(order, ct))!;
    }

    /// <summary>The desk sets the visit's date (what the customer asked, or what was agreed): proposed again, the customer told.</summary>
    public async Task<PlannedVisitDto> MoveAsync(Guid orderId, MoveVisit input, CancellationToken ct)
    {
        var order = await orders.FindAsync(orderId, ct);
        var visit = await db.Set<MaintenanceVisit>().SingleOrDefaultAsync(v => v.Id == orderId, ct)
            ?? throw new AppNotFoundException(t["Common.NotFound"]);
        if (input.Version is not { } version)
            throw AppValidationException.For("version", t["Common.Error.VersionRequired"]);
        db.ExpectVersion(visit, version);
        if (visit.Status is VisitStatus.Done or VisitStatus.Cancelled)
            throw new AppConflictException(t["Maintenance.Error.VisitClosed"]);
        if (input.ProposedOn is not { } on || on < Today() || on > Today().AddDays(365))
            throw AppValidationException.For("proposedOn", t["Maintenance.Error.AskedOn", 365]);
        var confirmed = visit.AskedOn == on;
        visit.ProposedOn = on;
        visit.Status = confirmed ? VisitStatus.Confirmed : VisitStatus.Proposed;
        visit.AskedOn = null;
        var users = await db.Users.Where(u => u.CustomerId == visit.CustomerId && u.IsActive).Select(u => u.Id).ToListAsync(ct);
        await notifier.NotifyAsync(
            "MaintenanceProposed",
            users,
            "/my-maintenance",
            [order.Number, on.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), visit.Site, "—"],
            ct
        );
        await db.SaveChangesAsync(ct);
        return (await DtoAsync(order, ct))!;
    }

    /// <summary>Unanswered checklist items block resolving a planned visit: every item is answered on site.</summary>
    public async Task CheckResolvableAsync(WorkOrder order, ValidationErrors errors, CancellationToken ct)
    {
        var items = await db.Set<VisitItem>()
            .AsNoTracking()
            .Where(i => i.WorkOrderId == order.Id && i.Outcome == ItemOutcome.Open)
            .Select(i => new { i.Id, i.Checklist })
            .ToListAsync(ct);
        if (items.Count == 0)
            return;
        var ids = items.Select(i => i.Id).ToList();
        var answered = await db.Set<CheckAnswer>()
            .Where(a => ids.Contains(a.VisitItemId))
            .Select(a => new { a.VisitItemId, a.Key })
            .ToListAsync(ct);
        var missing = items.Sum(i => i.Checklist.Count(c => !answered.Any(a => a.VisitItemId == i.Id && a.Key == c.Key)));
        if (missing > 0)
            errors.Add("checklist", t["Maintenance.Error.Unanswered", missing]);
    }

    /// <summary>In the resolving save: the visit's tasks are done today, and each one's next due counts from today.</summary>
    public async Task OnResolvedAsync(WorkOrder order, DateTime now, CancellationToken ct)
    {
        var items = await db.Set<VisitItem>().Where(i => i.WorkOrderId == order.Id && i.Outcome != ItemOutcome.Skipped).ToListAsync(ct);
        if (items.Count == 0)
            return;
        var day = DateOnly.FromDateTime(company.ToLocal(now));
        var taskIds = items.Select(i => i.PlanTaskId).ToList();
        var tasks = await db.Set<PlanTask>().Where(k => taskIds.Contains(k.Id)).ToListAsync(ct);
        var planIds = tasks.Select(k => k.PlanId).Distinct().ToList();
        var plans = await db.Set<MachinePlan>().Where(p => planIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        foreach (var i in items)
        {
            (i.Outcome, i.DoneOn, i.OnTime) = (ItemOutcome.Done, day, day <= i.DueOn);
            if (tasks.FirstOrDefault(k => k.Id == i.PlanTaskId) is not { } task)
                continue;
            var plan = plans[task.PlanId];
            task.LastDoneOn = day;
            task.LastDoneHours = plan.LastHours ?? task.LastDoneHours;
            if (task.OpenWorkOrderId == order.Id)
                task.OpenWorkOrderId = null;
            PlanService.Refresh(task, plan);
        }
        var visit = await db.Set<MaintenanceVisit>().SingleOrDefaultAsync(v => v.Id == order.Id, ct);
        if (visit is not null)
            visit.Status = VisitStatus.Done;
    }

    /// <summary>In the cancelling save: the visit's tasks are due again and go to the next run; their occurrences are let go.</summary>
    public async Task OnCancelledAsync(WorkOrder order, CancellationToken ct)
    {
        var visit = await db.Set<MaintenanceVisit>().SingleOrDefaultAsync(v => v.Id == order.Id, ct);
        if (visit is null)
            return;
        visit.Status = VisitStatus.Cancelled;
        db.RemoveRange(await db.Set<VisitItem>().Where(i => i.WorkOrderId == order.Id && i.Outcome == ItemOutcome.Open).ToListAsync(ct));
        foreach (var task in await db.Set<PlanTask>().Where(k => k.OpenWorkOrderId == order.Id).ToListAsync(ct))
            task.OpenWorkOrderId = null;
    }
}
