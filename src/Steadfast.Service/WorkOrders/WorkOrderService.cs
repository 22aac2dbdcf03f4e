using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Steadfast.Customers.Public;
using Steadfast.Platform.Api;
using Steadfast.Platform.Audit;
using Steadfast.Platform.Data;
using Steadfast.Platform.Identity;
using Steadfast.Platform.Localization;
using Steadfast.Platform.Ui;

namespace Steadfast.Service.WorkOrders;

/// <summary>Work orders from intake to close: who may move them where, and what each step requires.</summary>
internal sealed class WorkOrderService(AppDbContext db, CustomerDirectory customers, CurrentActor actor, TimeProvider clock, CompanyClock company,
    IStringLocalizer<Strings> t)
{
    public static readonly TimeSpan ReworkWindow = TimeSpan.FromDays(30);

    private IQueryable<WorkOrder> Visible()
    {
        if (customers.SeesEverything) return db.Set<WorkOrder>();
        var ids = customers.VisibleCustomerIds();
        return db.Set<WorkOrder>().Where(w => ids.Contains(w.CustomerId));
    }

    public async Task<PagedResult<WorkOrderDto>> ListAsync(WorkOrderQuery query, PageRequest page, CancellationToken ct)
    {
        var q = Visible().AsNoTracking();
        if (query.Status is { } s) q = q.Where(w => w.Status == s);
        if (query.Severity is { } sev) q = q.Where(w => w.Severity == sev);
        if (query.CustomerId is { } c) q = q.Where(w => w.CustomerId == c);
        if (query.MachineId is { } m) q = q.Where(w => w.MachineId == m);
        if (query.AssigneeId is { } a) q = q.Where(w => w.AssigneeId == a);
        if (query.Open == true) q = q.Where(w => w.Status != WorkOrderStatus.Closed && w.Status != WorkOrderStatus.Cancelled);
        var result = await q.ToPageAsync(x => x.OrderByDescending(w => w.ReportedAtUtc).ThenByDescending(w => w.Id), x => x, page, ct);
        return new PagedResult<WorkOrderDto>(await WithNamesAsync(result.Items, ct), result.Total);
    }

    public async Task<WorkOrderDto> GetAsync(Guid id, CancellationToken ct) =>
        (await WithNamesAsync([await Visible().AsNoTracking().SingleOrDefaultAsync(w => w.Id == id, ct) ?? throw new AppNotFoundException(t["Common.NotFound"])], ct))[0];

    /// <summary>Two small lookups per page: the customers' and the engineers' names.</summary>
    private async Task<List<WorkOrderDto>> WithNamesAsync(IReadOnlyList<WorkOrder> orders, CancellationToken ct)
    {
        var names = await customers.CustomerNamesAsync(orders.Select(o => o.CustomerId), ct);
        var engineerIds = orders.Where(o => o.AssigneeId != null).Select(o => o.AssigneeId!.Value).Distinct().ToList();
        var engineers = await db.Users.Where(u => engineerIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        return [.. orders.Select(o => ToDto(o) with
        {
            CustomerName = names.GetValueOrDefault(o.CustomerId),
            AssigneeName = o.AssigneeId is { } a ? engineers.GetValueOrDefault(a) : null,
        })];
    }

    /// <summary>Active engineers to dispatch to.</summary>
    public Task<List<UserOption>> EngineersAsync(CancellationToken ct) =>
        db.Users.Where(u => u.IsActive && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Engineer)))
            .OrderBy(u => u.DisplayName).Select(u => new UserOption(u.Id, u.DisplayName)).ToListAsync(ct);

    public async Task<List<EventDto>> EventsAsync(Guid id, CancellationToken ct)
    {
        if (!await Visible().AnyAsync(w => w.Id == id, ct)) throw new AppNotFoundException(t["Common.NotFound"]);
        return await db.Set<WorkOrderEvent>().AsNoTracking().Where(e => e.WorkOrderId == id).OrderBy(e => e.AtUtc)
            .Select(e => new EventDto(e.AtUtc, e.From, e.To, e.ActorName, e.Note)).ToListAsync(ct);
    }

    /// <summary>The dispatcher's intake from a phone call, with the SOP's required fields.</summary>
    public async Task<WorkOrderDto> CreateAsync(CreateWorkOrder input, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (input.CustomerId is not { } customerId || !await customers.CanSeeCustomerAsync(customerId, ct)) errors.Add("customerId", t["WorkOrders.Error.Customer"]);
        MachineFacts? machine = null;
        if (input.MachineId is { } machineId)
        {
            machine = await customers.MachineAsync(machineId, ct);
            if (machine is null || machine.CustomerId != input.CustomerId) errors.Add("machineId", t["WorkOrders.Error.Machine"]);
        }
        else if (input.Type is null or WorkOrderType.Repair) errors.Add("machineId", t["WorkOrders.Error.MachineRequired"]);
        Required(input.ContactName, 100, "contactName", errors);
        Required(input.ContactPhone, 40, "contactPhone", errors);
        Required(input.FaultDescription, 4000, "faultDescription", errors);
        Required(input.Category, 100, "category", errors);
        if (input.Severity is not { } severity || !Enum.IsDefined(severity)) errors.Add("severity", t["Common.Error.Choice"]);
        if (input.Type is { } type && !Enum.IsDefined(type)) errors.Add("type", t["Common.Error.Choice"]);
        if (input.Source is { } source && !Enum.IsDefined(source)) errors.Add("source", t["Common.Error.Choice"]);
        errors.ThrowIfAny();
        var order = await OpenAsync(input.Type ?? WorkOrderType.Repair, input.Severity!.Value, input.Source ?? WorkOrderSource.Phone, input.CustomerId!.Value,
            machine, input.ContactName!.Trim(), input.ContactPhone!.Trim(), input.FaultDescription!.Trim(), input.Category!.Trim(), ct);
        return await GetAsync(order.Id, ct);
    }

    /// <summary>
    /// A report from the machine's QR code, without an account. While an order is open for the machine,
    /// the report joins it (and the reporter is told) instead of opening a duplicate.
    /// </summary>
    public async Task<PublicReceipt> ReportFromQrAsync(string token, PublicRequest input, CancellationToken ct)
    {
        var machine = await customers.MachineByTokenAsync(token, ct) ?? throw new AppNotFoundException(t["Common.NotFound"]);
        var errors = new ValidationErrors();
        Required(input.Description, 4000, "description", errors);
        Required(input.ContactName, 100, "contactName", errors);
        Required(input.ContactPhone, 40, "contactPhone", errors);
        if (input.Urgency is not { } urgency || !Enum.IsDefined(urgency)) errors.Add("urgency", t["Common.Error.Choice"]);
        errors.ThrowIfAny();

        return await db.InTransactionAsync(async () =>
        {
            var open = await db.Set<WorkOrder>().Where(w => w.MachineId == machine.Id && w.Status != WorkOrderStatus.Closed && w.Status != WorkOrderStatus.Cancelled)
                .OrderByDescending(w => w.ReportedAtUtc).FirstOrDefaultAsync(ct);
            if (open is not null)
            {
                AddEvent(open, open.Status, t["WorkOrders.Event.QrAgain", input.ContactName!.Trim(), input.ContactPhone!.Trim(), input.Description!.Trim()]);
                await db.SaveChangesAsync(ct);
                return new PublicReceipt(open.Number, open.TrackingToken, JoinedOpenOrder: true);
            }
            var order = await OpenAsync(WorkOrderType.Repair, input.Urgency!.Value, WorkOrderSource.QrScan, machine.CustomerId, machine,
                input.ContactName!.Trim(), input.ContactPhone!.Trim(), input.Description!.Trim(), "", ct);
            return new PublicReceipt(order.Number, order.TrackingToken, JoinedOpenOrder: false);
        }, ct);
    }

    public async Task<PublicStatus?> TrackAsync(string trackingToken, CancellationToken ct)
    {
        if (trackingToken.Length is < 16 or > 40) return null;
        var order = await db.Set<WorkOrder>().AsNoTracking().SingleOrDefaultAsync(w => w.TrackingToken == trackingToken, ct);
        if (order is null) return null;
        var steps = await db.Set<WorkOrderEvent>().AsNoTracking().Where(e => e.WorkOrderId == order.Id && e.From != e.To).OrderBy(e => e.AtUtc)
            .Select(e => new PublicStep(e.AtUtc, e.To)).ToListAsync(ct);
        var engineer = order.AssigneeId is { } a ? await db.Users.Where(u => u.Id == a).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) : null;
        var (product, serial) = await MachineLabelAsync(order.MachineId, ct);
        return new PublicStatus(order.Number, order.Status, product, serial, engineer, order.ReportedAtUtc, steps);
    }

    private async Task<(string Product, string Serial)> MachineLabelAsync(Guid? machineId, CancellationToken ct)
    {
        if (machineId is null) return ("", "");
        // The tracking token already proved the caller may follow this order; no account, so no scope.
        var facts = await customers.MachineForTokenHolderAsync(machineId.Value, ct);
        return facts is null ? ("", "") : (facts.ProductName, facts.SerialNumber);
    }

    /// <summary>Moves an order, if the flow allows it for this user and the step's requirements are met.</summary>
    public async Task<WorkOrderDto> TransitionAsync(Guid id, TransitionRequest input, CancellationToken ct)
    {
        var order = await Visible().SingleOrDefaultAsync(w => w.Id == id, ct) ?? throw new AppNotFoundException(t["Common.NotFound"]);
        if (input.To is not { } to || !Enum.IsDefined(to)) throw AppValidationException.For("to", t["Common.Error.Choice"]);
        if (input.Version is { } v) db.ExpectVersion(order, v);
        var step = WorkOrderFlow.From(order.Status).FirstOrDefault(s => s.To == to && s.Roles.Any(actor.IsInRole));
        if (step is null)
        {
            var allowed = Next(order).Select(s => t[$"WorkOrders.Status.{s}"].Value).ToList();
            throw new AppConflictException(t["WorkOrders.Error.Transition", t[$"WorkOrders.Status.{order.Status}"], t[$"WorkOrders.Status.{to}"],
                allowed.Count == 0 ? "—" : string.Join(", ", allowed)]);
        }
        if (step.Needs.HasFlag(Needs.BeAssignee) && order.AssigneeId != actor.UserId)
            throw new AppConflictException(t["WorkOrders.Error.NotYours"]);

        var errors = new ValidationErrors();
        if (step.Needs.HasFlag(Needs.Assignee))
        {
            if (input.AssigneeId is not { } assignee || !await db.Users.AnyAsync(u => u.Id == assignee && u.IsActive
                    && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Engineer)), ct))
                errors.Add("assigneeId", t["WorkOrders.Error.Assignee"]);
        }
        if (step.Needs.HasFlag(Needs.Reason) && string.IsNullOrWhiteSpace(input.Reason)) errors.Add("reason", t["WorkOrders.Error.Reason"]);
        if (input.Reason is { Length: > 2000 }) errors.Add("reason", t["Common.Error.MaxLength", 2000]);
        if (step.Needs.HasFlag(Needs.Resolution))
        {
            Required(input.Diagnosis, 4000, "diagnosis", errors);
            Required(input.RootCause, 100, "rootCause", errors);
            Required(input.Actions, 4000, "actions", errors);
        }
        errors.ThrowIfAny();

        var now = clock.GetUtcNow().UtcDateTime;
        var from = order.Status;
        order.Status = to;
        if (step.Needs.HasFlag(Needs.Assignee)) order.AssigneeId = input.AssigneeId;
        if (from == WorkOrderStatus.Assigned && to == WorkOrderStatus.New) order.AssigneeId = null;
        if (to == WorkOrderStatus.Accepted) order.FirstResponseAtUtc ??= now;
        if (to == WorkOrderStatus.OnSite) order.ArrivedAtUtc ??= now;
        if (to == WorkOrderStatus.Resolved)
        {
            (order.Diagnosis, order.RootCause, order.Actions) = (input.Diagnosis!.Trim(), input.RootCause!.Trim(), input.Actions!.Trim());
            order.ResolvedAtUtc = now;
        }
        if (to == WorkOrderStatus.Closed) order.ClosedAtUtc = now;
        if (from == WorkOrderStatus.Closed) (order.ClosedAtUtc, order.ResolvedAtUtc) = (null, null);
        AddEvent(order, from, input.Reason?.Trim() ?? "");
        await db.SaveChangesAsync(ct);
        return await GetAsync(id, ct);
    }

    private async Task<WorkOrder> OpenAsync(WorkOrderType type, Severity severity, WorkOrderSource source, Guid customerId, MachineFacts? machine,
        string contactName, string contactPhone, string description, string category, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(company.ToLocal(now));
        return await db.InTransactionAsync(async () =>
        {
            var number = $"WO-{today:yyMMdd}-{await db.NextAsync("workorder:" + today.ToString("yyyyMMdd", CultureInfo.InvariantCulture), ct):0000}";
            // A repair within 30 days of the last closed order on the same machine is rework (返修).
            Guid? reworkOf = null;
            if (type == WorkOrderType.Repair && machine is not null)
            {
                var since = now - ReworkWindow;
                reworkOf = await db.Set<WorkOrder>().Where(w => w.MachineId == machine.Id && w.Status == WorkOrderStatus.Closed && w.ClosedAtUtc >= since)
                    .OrderByDescending(w => w.ClosedAtUtc).Select(w => (Guid?)w.Id).FirstOrDefaultAsync(ct);
            }
            var order = new WorkOrder
            {
                Id = Guid.CreateVersion7(), Number = number, Type = type, Severity = severity, Source = source, Status = WorkOrderStatus.New,
                CustomerId = customerId, MachineId = machine?.Id, ContactName = contactName, ContactPhone = contactPhone, FaultDescription = description,
                Category = category, InWarranty = machine?.WarrantyEndsOn >= today, ReportedAtUtc = now, ReworkOfId = reworkOf,
                TrackingToken = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_'),
            };
            db.Add(order);
            AddEvent(order, null, "");
            await db.SaveChangesAsync(ct);
            return order;
        }, ct);
    }

    private void AddEvent(WorkOrder order, WorkOrderStatus? from, string note) => db.Add(new WorkOrderEvent
    {
        Id = Guid.CreateVersion7(), WorkOrderId = order.Id, AtUtc = clock.GetUtcNow().UtcDateTime, From = from, To = order.Status,
        ActorId = actor.UserId, Note = note,
        ActorName = actor.IsAuthenticated ? actor.Principal.FindFirst(AppClaims.DisplayName)?.Value ?? actor.Name : t["WorkOrders.QrReporter"],
    });

    private IEnumerable<WorkOrderStatus> Next(WorkOrder order) =>
        WorkOrderFlow.From(order.Status).Where(s => s.Roles.Any(actor.IsInRole) && (!s.Needs.HasFlag(Needs.BeAssignee) || order.AssigneeId == actor.UserId))
            .Select(s => s.To).Distinct();

    private void Required(string? value, int max, string field, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value)) errors.Add(field, t["WorkOrders.Error.Required"]);
        else if (value.Trim().Length > max) errors.Add(field, t["Common.Error.MaxLength", max]);
    }

    private WorkOrderDto ToDto(WorkOrder w) => new(w.Id, w.Number, w.Type, w.Status, w.Severity, w.Source, w.CustomerId, null, w.MachineId,
        w.ContactName, w.ContactPhone, w.FaultDescription, w.Category, w.InWarranty, !w.InWarranty, w.AssigneeId, null, w.ReportedAtUtc,
        w.ResolvedAtUtc, w.ClosedAtUtc, w.Diagnosis, w.RootCause, w.Actions, w.ReworkOfId, [.. Next(w)], w.Version);
}
