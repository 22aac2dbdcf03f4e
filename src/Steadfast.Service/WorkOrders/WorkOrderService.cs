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
using Steadfast.Platform.Notifications;
using Steadfast.Platform.Ui;
using Steadfast.Service.Sla;

namespace Steadfast.Service.WorkOrders;

/// <summary>Work orders from intake to close: who may see them, how they open, and the lists.</summary>
internal sealed partial class WorkOrderService(
    AppDbContext db,
    CustomerDirectory customers,
    CurrentActor actor,
    TimeProvider clock,
    CompanyClock company,
    SlaService sla,
    Notifier notifier,
    IStringLocalizer<Strings> t,
    Microsoft.Extensions.Configuration.IConfiguration config,
    IServiceProvider services,
    IEnumerable<Public.IContractCoverage> coverage
)
{
    public static readonly TimeSpan ReworkWindow = TimeSpan.FromDays(30);
    public const string RecordType = "workorder";
    public const int QrFloodLimit = 10;
    public static readonly TimeSpan QrFloodWindow = TimeSpan.FromMinutes(10);

    internal IQueryable<WorkOrder> Visible()
    {
        if (customers.SeesEverything)
            return db.Set<WorkOrder>();
        var ids = customers.VisibleCustomerIds();
        return db.Set<WorkOrder>().Where(w => ids.Contains(w.CustomerId));
    }

    internal async Task<WorkOrder> FindAsync(Guid id, CancellationToken ct) =>
        await Visible().SingleOrDefaultAsync(w => w.Id == id, ct) ?? throw new AppNotFoundException(t["Common.NotFound"]);

    private const int ExportChunk = 2_000;

    /// <summary>The most orders one export holds (<c>Export:MaxWorkOrderRows</c>, 100,000 unless configured).</summary>
    private int MaxExportRows =>
        Microsoft.Extensions.Configuration.ConfigurationBinder.GetValue(config, "Export:MaxWorkOrderRows", 100_000);

    public CompanyClock Company => company;

    public async Task<PagedResult<WorkOrderDto>> ListAsync(WorkOrderQuery query, PageRequest page, CancellationToken ct)
    {
        var filtered = Filter(Visible().AsNoTracking(), query);
        var total = await filtered.CountAsync(ct);
        if (total == 0)
            return new PagedResult<WorkOrderDto>([], 0);
        return new PagedResult<WorkOrderDto>(await RowsAsync(filtered, page.Skip, page.PageSize, ct), total);
    }

    /// <summary>An export holds at most so many orders: more is refused up front, saying how many matched.</summary>
    public async Task CheckExportAsync(WorkOrderQuery query, CancellationToken ct)
    {
        var total = await Filter(Visible().AsNoTracking(), query).CountAsync(ct);
        if (total > MaxExportRows)
            throw AppValidationException.For("reportedFrom", t["WorkOrders.Export.TooMany", total, MaxExportRows]);
    }

    /// <summary>Every matching order, newest first, read a chunk at a time so the export streams.</summary>
    public async IAsyncEnumerable<WorkOrderDto> AllAsync(
        WorkOrderQuery query,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct
    )
    {
        var filtered = Filter(Visible().AsNoTracking(), query);
        var max = MaxExportRows;
        for (var skip = 0; skip < max; skip += ExportChunk)
        {
            var rows = await RowsAsync(filtered, skip, Math.Min(ExportChunk, max - skip), ct);
            foreach (var row in rows)
                yield return row;
            if (rows.Count < ExportChunk)
                yield break;
        }
    }

    private async Task<List<WorkOrderDto>> RowsAsync(IQueryable<WorkOrder> filtered, int skip, int take, CancellationToken ct)
    {
        // A deferred join: the page's ids are read from an index alone, then only those rows, so a deep page
        // does not read every whole row it skips.
        // One statement (WHERE Id IN (the page's ids)), sorted again by the database: its order of ids, not
        // .NET's Guid order, breaks ties between orders reported in the same instant.
        var ids = filtered.OrderByDescending(w => w.ReportedAtUtc).ThenByDescending(w => w.Id).Skip(skip).Take(take).Select(w => w.Id);
        var rows = db.Set<WorkOrder>()
            .AsNoTracking()
            .Where(w => ids.Contains(w.Id))
            .OrderByDescending(w => w.ReportedAtUtc)
            .ThenByDescending(w => w.Id);
        return await WithNamesAsync(rows, ct);
    }

    /// <summary>The signed-in engineer's orders on a machine that a check-in at the machine would move on site.</summary>
    public async Task<List<OrderRef>> CheckInCandidatesAsync(Guid machineId, CancellationToken ct)
    {
        if (actor.UserId is not { } me)
            return [];
        return await db.Set<WorkOrder>()
            .AsNoTracking()
            .Where(w =>
                w.MachineId == machineId
                && w.AssigneeId == me
                && (w.Status == WorkOrderStatus.EnRoute || w.Status == WorkOrderStatus.WaitingForParts)
            )
            .OrderBy(w => w.ReportedAtUtc)
            .Select(w => new OrderRef(w.Id, w.Number))
            .ToListAsync(ct);
    }

    /// <summary>The list's filters, shared with the dashboard's drill-down.</summary>
    internal IQueryable<WorkOrder> Filter(IQueryable<WorkOrder> q, WorkOrderQuery query)
    {
        if (query.Status is { } s)
            q = q.Where(w => w.Status == s);
        if (query.Type is { } type)
            q = q.Where(w => w.Type == type);
        if (query.Severity is { } sev)
            q = q.Where(w => w.Severity == sev);
        if (query.CustomerId is { } c)
            q = q.Where(w => w.CustomerId == c);
        if (query.MachineId is { } m)
            q = q.Where(w => w.MachineId == m);
        if (query.AssigneeId is { } a)
            q = q.Where(w => w.AssigneeId == a);
        // Open is a range (the closing states are last in the enum), so the (Status, ReportedAtUtc) index serves it.
        if (query.Open == true)
            q = q.Where(w => w.Status < WorkOrderStatus.Closed);
        if (!string.IsNullOrWhiteSpace(query.Region))
            q = q.Where(w => w.Region == query.Region);
        if (!string.IsNullOrWhiteSpace(query.ProductCategory))
            q = q.Where(w => w.ProductCategory == query.ProductCategory);
        if (!string.IsNullOrWhiteSpace(query.Category))
            q = q.Where(w => w.Category == query.Category);
        if (query.ReportedFrom is { } from)
        {
            var d = Day(from);
            q = q.Where(w => w.ReportedDay >= d);
        }
        if (query.ReportedTo is { } to)
        {
            var d = Day(to);
            q = q.Where(w => w.ReportedDay <= d);
        }
        if (query.Rework == true)
            q = q.Where(w => w.ReworkOfId != null);
        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            var text = query.Text.Trim();
            // "WO-2611…" is a number being typed: a prefix the unique index answers, not a scan of every description.
            var upper = text.ToUpperInvariant();
#pragma warning disable CA1862 // translated to SQL: numbers are stored upper-case, the text is upper-cased here
            var machines = customers.MachinesWithSerialStarting(text);
            // The serial's orders are one more set of the union, not an OR beside it: an OR made the database test every order.
            var onMachines = db.Set<WorkOrder>().Where(w => machines.Contains(w.MachineId!.Value)).Select(w => w.Id);
            q =
                NumberPrefix().IsMatch(text) ? q.Where(w => w.Number.StartsWith(upper))
                : WorkOrderSearch.Matching(db, text) is { } ids ? q.Where(w => ids.Union(onMachines).Contains(w.Id))
                // One character, or two that are not a word: too short for any index, and rare enough to scan for.
                : q.Where(w =>
                    w.Number.Contains(text)
                    || w.ContactPhone.Contains(text)
                    || w.ContactName.Contains(text)
                    || w.FaultDescription.Contains(text)
                    || w.Diagnosis.Contains(text)
                    || machines.Contains(w.MachineId!.Value)
                );
#pragma warning restore CA1862
        }
        if (query.Sla is { } state)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var soon = now.AddHours(2);
            q = state switch
            {
                SlaState.Breached => q.Where(w => w.SlaBreached),
                SlaState.AtRisk => q.Where(w =>
                    w.Status < WorkOrderStatus.Closed
                    && w.SlaPausedAtUtc == null
                    && !w.SlaBreached
                    && (
                        (w.FirstResponseAtUtc == null && w.FirstResponseDueUtc < soon)
                        || (w.ArrivedAtUtc == null && w.ArrivalDueUtc < soon)
                        || (w.ResolvedAtUtc == null && w.ResolutionDueUtc < soon)
                    )
                ),
                _ => q.Where(w => w.SlaPolicyId != null && !w.SlaBreached),
            };
        }
        return q;
    }

    [System.Text.RegularExpressions.GeneratedRegex("^WO-[0-9]", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex NumberPrefix();

    /// <summary>What the customer's service has cost, by the database: counts and fen, in and out of warranty.</summary>
    public async Task<CustomerServiceSummary> CustomerSummaryAsync(Guid customerId, CancellationToken ct)
    {
        if (!await customers.CanSeeCustomerAsync(customerId, ct))
            throw new AppNotFoundException(t["Common.NotFound"]);
        var since = clock.GetUtcNow().UtcDateTime.AddYears(-1);
        var orders = db.Set<WorkOrder>().Where(w => w.CustomerId == customerId);
        var counts = await orders
            .GroupBy(w => 1)
            .Select(g => new
            {
                Orders = g.Count(),
                Open = g.Count(w => w.Status < WorkOrderStatus.Closed),
                Recent = g.Count(w => w.ReportedAtUtc >= since),
                Rework = g.Count(w => w.ReworkOfId != null),
                Hours = g.Sum(w => w.LabourHours),
            })
            .FirstOrDefaultAsync(ct);
        if (counts is null)
            return new CustomerServiceSummary(0, 0, 0, 0, 0, 0, 0);
        // Who pays is Charges' one formula; what was not billed was covered (warranty or contract).
        var money = await orders
            .Select(Charges.Money)
            .GroupBy(m => 1)
            .Select(g => new { Cost = g.Sum(m => m.Cost), Billable = g.Sum(m => m.Billable) })
            .FirstAsync(ct);
        return new CustomerServiceSummary(
            counts.Orders,
            counts.Open,
            counts.Recent,
            counts.Rework,
            money.Billable,
            money.Cost - money.Billable,
            counts.Hours
        );
    }

    public static int Day(DateOnly d) => d.Year * 10000 + d.Month * 100 + d.Day;

    public async Task<WorkOrderDto> GetAsync(Guid id, CancellationToken ct) =>
        (await WithNamesAsync(Visible().AsNoTracking().Where(w => w.Id == id), ct)).SingleOrDefault()
        ?? throw new AppNotFoundException(t["Common.NotFound"]);

    /// <summary>An order by id without the caller's scope: only for flows a secret token already authorised.</summary>
    internal async Task<WorkOrderDto> GetUnscopedAsync(Guid id, CancellationToken ct) =>
        (await WithNamesAsync(db.Set<WorkOrder>().AsNoTracking().Where(w => w.Id == id), ct)).Single();

    /// <summary>Orders of a query as the pages show them, names included, in two statements for the whole list.</summary>
    internal Task<List<WorkOrderDto>> ProjectAsync(IQueryable<WorkOrder> query, CancellationToken ct) => WithNamesAsync(query, ct);

    /// <summary>
    /// The orders with the customer's and the engineer's names read in the same statement, then the helpers.
    /// Names read separately were two more round trips per page, most of what PostgreSQL's list page cost beyond its SQL.
    /// </summary>
    private async Task<List<WorkOrderDto>> WithNamesAsync(IQueryable<WorkOrder> query, CancellationToken ct)
    {
        var names = customers.CustomerNames();
        var rows = await query
            .Select(w => new
            {
                Order = w,
                CustomerName = names.Where(c => c.Id == w.CustomerId).Select(c => c.Name).FirstOrDefault(),
                AssigneeName = db.Users.Where(u => u.Id == w.AssigneeId).Select(u => u.DisplayName).FirstOrDefault(),
            })
            .ToListAsync(ct);
        if (rows.Count == 0)
            return [];
        var ids = rows.Select(r => r.Order.Id).ToList();
        var helpers = (await db.Set<WorkOrderHelper>().AsNoTracking().Where(h => ids.Contains(h.WorkOrderId)).ToListAsync(ct)).ToLookup(
            h => h.WorkOrderId,
            h => h.UserId
        );
        return
        [
            .. rows.Select(r =>
                ToDto(r.Order, helpers[r.Order.Id].ToList()) with
                {
                    CustomerName = r.CustomerName,
                    AssigneeName = r.AssigneeName,
                }
            ),
        ];
    }

    /// <summary>Active engineers to dispatch to.</summary>
    public Task<List<UserOption>> EngineersAsync(CancellationToken ct) =>
        db.ActiveInRoles(Roles.Engineer).OrderBy(u => u.DisplayName).Select(u => new UserOption(u.Id, u.DisplayName)).ToListAsync(ct);

    public async Task<List<EventDto>> EventsAsync(Guid id, CancellationToken ct)
    {
        if (!await Visible().AnyAsync(w => w.Id == id, ct))
            throw new AppNotFoundException(t["Common.NotFound"]);
        var events = await db.Set<WorkOrderEvent>()
            .AsNoTracking()
            .Where(e => e.WorkOrderId == id)
            .OrderBy(e => e.AtUtc)
            .ThenBy(e => e.Id)
            .Select(e => new EventDto(e.AtUtc, e.From, e.To, e.ActorName, e.Note))
            .ToListAsync(ct);
        return [.. events.Select(e => e with { Note = RenderNote(e.Note) })];
    }

    /// <summary>System notes are stored as string keys ("@key|@arg") so each reader sees them in their own language.</summary>
    private string RenderNote(string note)
    {
        if (!note.StartsWith('@'))
            return note;
        var parts = note.Split('|');
        var args = parts.Skip(1).Select(a => a.StartsWith('@') ? t[a[1..]].Value : a).Cast<object>().ToArray();
        return t[parts[0][1..], args];
    }

    /// <summary>The dispatcher's intake from a phone call, with the SOP's required fields.</summary>
    public async Task<WorkOrderDto> CreateAsync(CreateWorkOrder input, CancellationToken ct)
    {
        // One connection for the create's reads and writes: EF otherwise takes one from the pool and sets it up
        // for each query, four times a create.
        await db.Database.OpenConnectionAsync(ct);
        var errors = new ValidationErrors();
        var customer = input.CustomerId is { } customerId ? await customers.VisibleCustomerFactsAsync(customerId, ct) : null;
        if (customer is null)
            errors.Add("customerId", t["WorkOrders.Error.Customer"]);
        MachineFacts? machine = null;
        if (input.MachineId is { } machineId)
        {
            machine = await customers.MachineAsync(machineId, ct);
            if (machine is null || machine.CustomerId != input.CustomerId)
                errors.Add("machineId", t["WorkOrders.Error.Machine"]);
        }
        else if (input.Type is null or WorkOrderType.Repair)
            errors.Add("machineId", t["WorkOrders.Error.MachineRequired"]);
        Required(input.ContactName, 100, "contactName", errors);
        Required(input.ContactPhone, 40, "contactPhone", errors);
        Required(input.FaultDescription, 4000, "faultDescription", errors);
        Required(input.Category, 100, "category", errors);
        if (
            !string.IsNullOrWhiteSpace(input.ContactEmail)
            && (
                input.ContactEmail.Length > 200
                || !MimeKit.MailboxAddress.TryParse(input.ContactEmail.Trim(), out _)
                || !input.ContactEmail.Contains('@', StringComparison.Ordinal)
            )
        )
            errors.Add("contactEmail", t["Notify.Error.Email"]);
        if (input.Severity is not { } severity || !Enum.IsDefined(severity))
            errors.Add("severity", t["Common.Error.Choice"]);
        if (input.Type is { } type && !Enum.IsDefined(type))
            errors.Add("type", t["Common.Error.Choice"]);
        if (input.Source is { } source && !Enum.IsDefined(source))
            errors.Add("source", t["Common.Error.Choice"]);
        errors.ThrowIfAny();
        // Outside parties file through the portal; only the desk says where a call came from.
        var from =
            actor.IsInRole(Roles.Customer) ? WorkOrderSource.Portal
            : actor.IsInRole(Roles.Dealer) ? WorkOrderSource.Dealer
            : input.Source ?? WorkOrderSource.Phone;
        var order = await OpenAsync(
            new Intake(
                input.Type ?? WorkOrderType.Repair,
                input.Severity!.Value,
                from,
                customer!,
                machine,
                input.ContactName!.Trim(),
                input.ContactPhone!.Trim(),
                input.ContactEmail?.Trim() ?? "",
                input.FaultDescription!.Trim(),
                input.Category!.Trim()
            ),
            ct
        );
        if (await AutoDispatchAsync(order, ct))
            return await GetAsync(order.Id, ct);
        // Answered from what was just written: a new order has no engineer and no helpers yet, and reading
        // it back with names was four of a create's statements.
        return ToDto(order, []) with { CustomerName = customer!.Name };
    }

    /// <summary>
    /// Where a dispatch rule says "auto", the new order goes to an engineer at once. Resolved when needed: dispatch
    /// builds on this service, so it cannot be one of its constructor's arguments.
    /// </summary>
    private Task<bool> AutoDispatchAsync(WorkOrder order, CancellationToken ct) =>
        Microsoft
            .Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Dispatch.AutoDispatch>(services)
            .TryAsync(order, ct);

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
        if (input.Urgency is not { } urgency || !Enum.IsDefined(urgency))
            errors.Add("urgency", t["Common.Error.Choice"]);
        errors.ThrowIfAny();
        var customer = (await customers.CustomerFactsAsync(machine.CustomerId, ct))!;

        return await db.InTransactionAsync(
            async () =>
            {
                var open = await db.Set<WorkOrder>()
                    .Where(w => w.MachineId == machine.Id && w.Status != WorkOrderStatus.Closed && w.Status != WorkOrderStatus.Cancelled)
                    .OrderByDescending(w => w.ReportedAtUtc)
                    .FirstOrDefaultAsync(ct);
                if (open is not null)
                {
                    // A flood from one machine (a stuck phone, a prank) stops here instead of filling the timeline.
                    var since = clock.GetUtcNow().UtcDateTime - QrFloodWindow;
                    if (
                        await db.Set<WorkOrderEvent>()
                            .CountAsync(e => e.WorkOrderId == open.Id && e.ActorId == null && e.AtUtc >= since, ct) >= QrFloodLimit
                    )
                        throw new AppConflictException(t["WorkOrders.Error.QrFlood", open.Number]);
                    AddEvent(
                        open,
                        open.Status,
                        t["WorkOrders.Event.QrAgain", input.ContactName!.Trim(), input.ContactPhone!.Trim(), input.Description!.Trim()]
                    );
                    await db.SaveChangesAsync(ct);
                    return new PublicReceipt(open.Number, open.TrackingToken, JoinedOpenOrder: true);
                }
                var order = await OpenAsync(
                    new Intake(
                        WorkOrderType.Repair,
                        input.Urgency!.Value,
                        WorkOrderSource.QrScan,
                        customer,
                        machine,
                        input.ContactName!.Trim(),
                        input.ContactPhone!.Trim(),
                        "",
                        input.Description!.Trim(),
                        ""
                    ),
                    ct
                );
                await AutoDispatchAsync(order, ct);
                return new PublicReceipt(order.Number, order.TrackingToken, JoinedOpenOrder: false);
            },
            ct
        );
    }

    public async Task<PublicStatus?> TrackAsync(string trackingToken, CancellationToken ct)
    {
        if (trackingToken.Length is < 16 or > 40)
            return null;
        var order = await db.Set<WorkOrder>().AsNoTracking().SingleOrDefaultAsync(w => w.TrackingToken == trackingToken, ct);
        if (order is null)
            return null;
        var steps = await db.Set<WorkOrderEvent>()
            .AsNoTracking()
            .Where(e => e.WorkOrderId == order.Id && e.From != e.To)
            .OrderBy(e => e.AtUtc)
            .Select(e => new PublicStep(e.AtUtc, e.To))
            .ToListAsync(ct);
        var engineer = order.AssigneeId is { } a
            ? await db.Users.Where(u => u.Id == a).Select(u => u.DisplayName).FirstOrDefaultAsync(ct)
            : null;
        var (product, serial) = await MachineLabelAsync(order.MachineId, ct);
        return new PublicStatus(order.Number, order.Status, product, serial, engineer, order.ReportedAtUtc, steps)
        {
            Eta = order.ArrivedAtUtc is null && WorkOrderFlow.IsOpen(order.Status) ? order.ArrivalDueUtc : null,
            SurveyToken = order.Status == WorkOrderStatus.Closed ? order.SurveyToken : null,
            ReportReady = order.ResolvedAtUtc is not null,
        };
    }

    private async Task<(string Product, string Serial)> MachineLabelAsync(Guid? machineId, CancellationToken ct)
    {
        if (machineId is null)
            return ("", "");
        // The tracking token already proved the caller may follow this order; no account, so no scope.
        var facts = await customers.MachineForTokenHolderAsync(machineId.Value, ct);
        return facts is null ? ("", "") : (facts.ProductName, facts.SerialNumber);
    }

    private sealed record ReworkOf(Guid Id, int ReportedDay);

    // Compiled: every repair's create asks it, and translating the LINQ each time cost more CPU than the SQL.
    private static readonly CompiledQuery<Func<AppDbContext, Guid, DateTime, CancellationToken, Task<ReworkOf?>>> LastClosedSince = new(
        () =>
            EF.CompileAsyncQuery(
                (AppDbContext db, Guid machineId, DateTime since, CancellationToken ct) =>
                    db.Set<WorkOrder>()
                        .AsNoTracking()
                        .Where(w => w.MachineId == machineId && w.Status == WorkOrderStatus.Closed && w.ClosedAtUtc >= since)
                        .OrderByDescending(w => w.ClosedAtUtc)
                        .Select(w => (ReworkOf?)new ReworkOf(w.Id, w.ReportedDay))
                        .FirstOrDefault()
            )
    );

    private sealed record Intake(
        WorkOrderType Type,
        Severity Severity,
        WorkOrderSource Source,
        CustomerFacts Customer,
        MachineFacts? Machine,
        string ContactName,
        string ContactPhone,
        string ContactEmail,
        string Description,
        string Category
    );

    private async Task<WorkOrder> OpenAsync(Intake input, CancellationToken ct)
    {
        // Whole microseconds, as PostgreSQL keeps them, so the answer equals what a later read returns.
        var now = clock.GetUtcNow().UtcDateTime;
        now = now.AddTicks(-(now.Ticks % 10));
        var today = DateOnly.FromDateTime(company.ToLocal(now));
        // The reads (rework, SLA policy and calendar, who to notify) come before the transaction's first
        // write: on SQLite that write takes the database's only write lock, which should be held for the
        // writes alone.
        ReworkOf? reworkOf = null;
        if (input.Type == WorkOrderType.Repair && input.Machine is { } m)
        {
            // A repair within 30 days of the last closed order on the same machine is rework (返修).
            var since = now - ReworkWindow;
            reworkOf = await LastClosedSince.For(db)(db, m.Id, since, ct);
        }
        // The covering contract is decided by the report day, like the warranty.
        var terms =
            input.Machine is { } covered && !(input.Machine.WarrantyEndsOn >= today) && coverage.FirstOrDefault() is { } contracts
                ? await contracts.FindAsync(input.Customer.Id, covered.Id, covered.ProductId, today, ct)
                : null;
        var order = new WorkOrder
        {
            Id = Guid.CreateVersion7(),
            Type = input.Type,
            Severity = input.Severity,
            Source = input.Source,
            Status = WorkOrderStatus.New,
            CustomerId = input.Customer.Id,
            MachineId = input.Machine?.Id,
            ContactName = input.ContactName,
            ContactPhone = input.ContactPhone,
            ContactEmail = input.ContactEmail,
            FaultDescription = input.Description,
            Category = input.Category,
            InWarranty = input.Machine?.WarrantyEndsOn >= today,
            ReportedAtUtc = now,
            ReportedDay = Day(today),
            ReworkOfId = reworkOf?.Id,
            Region = input.Customer.Province,
            ProductCategory = input.Machine?.ProductCategory ?? "",
            CustomerTier = input.Customer.Tier,
            TrackingToken = NewToken(),
            SurveyToken = NewToken(),
        };
        if (terms is not null)
            Cover(order, terms);
        // A planned visit is measured against its planned date (the on-time rate), not a repair's response clock.
        if (input.Source != WorkOrderSource.Preventive)
            await sla.StartAsync(order, ct);
        var dispatchers = input.Source is WorkOrderSource.QrScan or WorkOrderSource.Portal or WorkOrderSource.Dealer
            ? await notifier.UsersInRolesAsync([Roles.Dispatcher], ct)
            : null;
        var counter = "workorder:" + today.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var number = await db.ReserveAsync(counter, ct);
        // Tracked before the transaction: on SQLite everything inside it holds the only writer.
        db.Add(order);
        AddEvent(order, null, "");
        return await db.InTransactionAsync(
            async () =>
            {
                order.Number = $"WO-{today:yyMMdd}-{await number.TakeAsync(ct):0000}";
                // A flag derived from the new order, set in place and not audited (the new order's ReworkOfId is the
                // record): through the old order's version, two repairs reported at once on one machine made the
                // second a 409 (bench/run.sh, 32 clients on 256 machines).
                if (reworkOf is not null)
                {
                    await db.Set<WorkOrder>()
                        .Where(w => w.Id == reworkOf.Id)
                        .ExecuteUpdateAsync(x => x.SetProperty(w => w.HasRework, true), ct);
                    Dashboard.KpiRollup.Touch(db, reworkOf.ReportedDay, now);
                }
                if (terms is not null && IsPreventive(order.Type) && terms.VisitsIncluded > 0)
                    await TakeVisitAsync(order, terms, coverage.First(), ct);
                if (dispatchers is not null)
                    await notifier.NotifyAsync(
                        "QrReport",
                        dispatchers,
                        $"/service/{order.Id}",
                        [
                            order.Number,
                            input.Customer.Name,
                            input.ContactName,
                            input.Description.Length > 80 ? input.Description[..80] + "…" : input.Description,
                        ],
                        ct
                    );
                await db.SaveChangesAsync(ct);
                return order;
            },
            ct
        );
    }

    /// <summary>
    /// Opens an order for the maintenance module: a planned visit (preventive) or the repair a checklist finding calls for. Joins
    /// the caller's transaction, so the order and what hangs off it commit together.
    /// </summary>
    internal Task<WorkOrder> OpenForAsync(
        WorkOrderType type,
        WorkOrderSource source,
        CustomerFacts customer,
        MachineFacts machine,
        Customers.Public.SiteContact contact,
        string description,
        string category,
        CancellationToken ct
    ) =>
        OpenAsync(
            new Intake(
                type,
                type == WorkOrderType.Repair ? Severity.Degraded : Severity.Question,
                source,
                customer,
                machine,
                contact.Name.Length > 0 ? Cut(contact.Name, 100) : customer.Name,
                Cut(contact.Phone, 40),
                contact.Email.Length <= 200 ? contact.Email : "",
                Cut(description, 4000),
                Cut(category, 100)
            ),
            ct
        );

    private static string Cut(string s, int max) => s.Length <= max ? s : s[..max];

    private static bool IsPreventive(WorkOrderType type) => type is WorkOrderType.Maintenance or WorkOrderType.Inspection;

    private static void Cover(WorkOrder order, Public.CoverageTerms terms)
    {
        order.ContractId = terms.ContractId;
        order.ContractNumber = terms.ContractNumber;
        order.ServiceLevel = terms.ServiceLevel;
        order.CoveredLabourPercent = terms.LabourPercent;
        order.CoveredPartsPercent = terms.PartsPercent;
        order.CoveredTravel = terms.TravelCovered;
    }

    /// <summary>
    /// A preventive visit on a contract with included visits takes one: its labour and travel are then the contract's.
    /// With none left the visit is billed (parts keep the contract's share) and the dispatchers are told.
    /// </summary>
    private async Task TakeVisitAsync(WorkOrder order, Public.CoverageTerms terms, Public.IContractCoverage contracts, CancellationToken ct)
    {
        if (await contracts.TakeVisitAsync(terms.ContractId, ct))
        {
            order.VisitTaken = true;
            order.CoveredLabourPercent = 100;
            order.CoveredTravel = true;
            return;
        }
        order.EntitlementExhausted = true;
        order.CoveredLabourPercent = 0;
        order.CoveredTravel = false;
        await notifier.NotifyAsync(
            "EntitlementExhausted",
            await notifier.UsersInRolesAsync([Roles.Dispatcher, Roles.ServiceManager], ct),
            $"/service/{order.Id}",
            [order.Number, terms.ContractNumber, terms.VisitsIncluded.ToString(CultureInfo.InvariantCulture)],
            ct
        );
    }

    internal static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');

    internal void AddEvent(WorkOrder order, WorkOrderStatus? from, string note) =>
        db.Add(
            new WorkOrderEvent
            {
                Id = Guid.CreateVersion7(),
                WorkOrderId = order.Id,
                AtUtc = clock.GetUtcNow().UtcDateTime,
                From = from,
                To = order.Status,
                ActorId = actor.UserId,
                Note = note,
                ActorName = actor.IsAuthenticated
                    ? actor.Principal.FindFirst(AppClaims.DisplayName)?.Value ?? actor.Name
                    : t["WorkOrders.QrReporter"],
            }
        );

    internal IEnumerable<WorkOrderStatus> Next(WorkOrder order) =>
        WorkOrderFlow
            .From(order.Status)
            .Where(s => s.Roles.Any(actor.IsInRole) && (!s.Needs.HasFlag(Needs.BeAssignee) || order.AssigneeId == actor.UserId))
            .Select(s => s.To)
            .Distinct();

    internal void Required(string? value, int max, string field, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value))
            errors.Add(field, t["WorkOrders.Error.Required"]);
        else if (value.Trim().Length > max)
            errors.Add(field, t["Common.Error.MaxLength", max]);
    }

    private WorkOrderDto ToDto(WorkOrder w, IReadOnlyList<Guid> helpers) =>
        new()
        {
            Id = w.Id,
            Number = w.Number,
            Type = w.Type,
            Status = w.Status,
            Severity = w.Severity,
            Source = w.Source,
            CustomerId = w.CustomerId,
            MachineId = w.MachineId,
            ContactName = w.ContactName,
            ContactPhone = w.ContactPhone,
            ContactEmail = w.ContactEmail,
            FaultDescription = w.FaultDescription,
            Category = w.Category,
            Region = w.Region,
            ProductCategory = w.ProductCategory,
            InWarranty = w.InWarranty,
            Billable = Charges.IsBillable(
                w.InWarranty,
                w.ContractId,
                w.CoveredLabourPercent,
                w.CoveredPartsPercent,
                w.CoveredTravel,
                w.PartsCovered,
                w.PartsCost
            ),
            ContractId = w.ContractId,
            ContractNumber = w.ContractNumber,
            ServiceLevel = w.ServiceLevel,
            EntitlementExhausted = w.EntitlementExhausted,
            VisitTaken = w.VisitTaken,
            Charges = Charges.Split(w),
            AssigneeId = w.AssigneeId,
            HelperIds = helpers,
            ReportedAt = w.ReportedAtUtc,
            FirstResponseAt = w.FirstResponseAtUtc,
            ArrivedAt = w.ArrivedAtUtc,
            ResolvedAt = w.ResolvedAtUtc,
            ClosedAt = w.ClosedAtUtc,
            Diagnosis = w.Diagnosis,
            RootCause = w.RootCause,
            Actions = w.Actions,
            ReworkOfId = w.ReworkOfId,
            SlaPolicyId = w.SlaPolicyId,
            FirstResponseDue = w.FirstResponseDueUtc,
            ArrivalDue = w.ArrivalDueUtc,
            ResolutionDue = w.ResolutionDueUtc,
            SlaPausedAt = w.SlaPausedAtUtc,
            FirstResponseBreached = w.FirstResponseBreached,
            ArrivalBreached = w.ArrivalBreached,
            ResolutionBreached = w.ResolutionBreached,
            EscalationLevel = w.EscalationLevel,
            VisitCount = w.VisitCount,
            LabourHours = w.LabourHours,
            LabourCost = w.LabourCost,
            TravelCost = w.TravelCost,
            PartsCost = w.PartsCost,
            PartsUsed = w.PartsUsed,
            SignedBy = w.SignedBy,
            SignedAt = w.SignedAtUtc,
            TrackingToken = w.TrackingToken,
            Next = [.. Next(w)],
            Version = w.Version,
        };
}
