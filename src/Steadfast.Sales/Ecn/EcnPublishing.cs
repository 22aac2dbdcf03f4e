using Microsoft.EntityFrameworkCore;
using Steadfast.Platform.Api;
using Steadfast.Platform.Automation;
using Steadfast.Platform.Data;
using Steadfast.Platform.Identity;
using Steadfast.Platform.Jobs;
using Steadfast.Sales.Opportunities;
using Steadfast.Sales.Orders;
using Steadfast.Sales.Projects;

namespace Steadfast.Sales.Ecn;

internal sealed partial class EcnService
{
    private const int MaxModels = 100;
    private const int MaxParts = 100;

    public async Task<EcnDetail> CreateAsync(SaveEcn input, CancellationToken ct)
    {
        var e = new Ecn
        {
            Id = Guid.CreateVersion7(),
            CreatedById = scope.Me,
            CreatedAtUtc = Now,
        };
        await ApplyAsync(e, input, ct);
        db.Add(e);
        await SaveUniqueAsync(e, ct);
        return await GetAsync(e.Id, ct);
    }

    public async Task<EcnDetail> UpdateAsync(Guid id, SaveEcn input, CancellationToken ct)
    {
        var e = await LoadAsync(id, input.Version, ct);
        if (e.Status != EcnStatus.Draft)
            throw new AppConflictException(t["Ecn.Error.Published"]);
        await ApplyAsync(e, input, ct);
        await SaveUniqueAsync(e, ct);
        return await GetAsync(e.Id, ct);
    }

    /// <summary>A second ECN with the same number is a 409 whether the check or the unique index catches it.</summary>
    private async Task SaveUniqueAsync(Ecn e, CancellationToken ct)
    {
        if (await db.Set<Ecn>().AnyAsync(x => x.Number == e.Number && x.Id != e.Id, ct))
            throw new AppConflictException(t["Ecn.Error.Duplicate", e.Number]);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex is not DbUpdateConcurrencyException)
        {
            throw new AppConflictException(t["Ecn.Error.Duplicate", e.Number]);
        }
    }

    private async Task ApplyAsync(Ecn e, SaveEcn input, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var number = input.Number?.Trim().ToUpperInvariant() ?? "";
        if (number.Length is 0 or > 40)
            errors.Add("number", t["Common.Error.Required"]);
        var title = input.Title?.Trim() ?? "";
        if (title.Length is 0 or > 200)
            errors.Add("title", t["Common.Error.Required"]);
        if ((input.Description?.Length ?? 0) > 4000)
            errors.Add("description", t["Common.Error.MaxLength", 4000]);
        var productIds = (input.ProductIds ?? []).Distinct().ToList();
        var partNumbers = (input.PartNumbers ?? []).Select(p => p?.Trim() ?? "").Where(p => p.Length > 0).Distinct().ToList();
        if (productIds.Count == 0 && partNumbers.Count == 0)
            errors.Add("productIds", t["Ecn.Error.NothingAffected"]);
        if (productIds.Count > MaxModels)
            errors.Add("productIds", t["Common.Error.MaxLength", MaxModels]);
        if (partNumbers.Count > MaxParts)
            errors.Add("partNumbers", t["Common.Error.MaxLength", MaxParts]);
        var known = (await directory.ProductsAsync(ct)).Select(p => p.Id).ToHashSet();
        for (var i = 0; i < productIds.Count; i++)
            if (!known.Contains(productIds[i]))
                errors.Add($"productIds[{i}]", t["Sales.Error.Product"]);
        if (partNumbers.Count is > 0 and <= MaxParts)
        {
            var found = await partModels.ModelsOfAsync(partNumbers, ct);
            var unknown = partNumbers.Where(p => !found.ContainsKey(p)).ToList();
            if (unknown.Count > 0)
                errors.Add("partNumbers", t["Ecn.Error.UnknownParts", string.Join(", ", unknown)]);
        }
        var serialFrom = Blank(input.SerialFrom)?.ToUpperInvariant();
        var serialTo = Blank(input.SerialTo)?.ToUpperInvariant();
        if (serialFrom?.Length > 60 || serialTo?.Length > 60)
            errors.Add("serialFrom", t["Common.Error.MaxLength", 60]);
        if (serialFrom is not null && serialTo is not null && string.CompareOrdinal(serialFrom, serialTo) > 0)
            errors.Add("serialTo", t["Ecn.Error.Range"]);
        if (input.BuiltFrom is { } bf && input.BuiltTo is { } bt && bt < bf)
            errors.Add("builtTo", t["Ecn.Error.Range"]);
        if (input.EffectiveOn is null)
            errors.Add("effectiveOn", t["Common.Error.Required"]);
        errors.ThrowIfAny();
        e.Number = number;
        e.Title = title;
        e.Description = input.Description?.Trim() ?? "";
        e.ProductIds = PipeList.Join(productIds.Select(p => p.ToString()));
        e.PartNumbers = PipeList.Join(partNumbers);
        e.SerialFrom = serialFrom;
        e.SerialTo = serialTo;
        e.BuiltFrom = input.BuiltFrom;
        e.BuiltTo = input.BuiltTo;
        e.EffectiveOn = input.EffectiveOn!.Value;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private async Task<Ecn> LoadAsync(Guid id, long? version, CancellationToken ct)
    {
        if (version is not { } v)
            throw AppValidationException.For("version", t["Common.Error.VersionRequired"]);
        var e = await db.Set<Ecn>().SingleOrDefaultAsync(x => x.Id == id, ct) ?? throw new AppNotFoundException(t["Common.NotFound"]);
        db.ExpectVersion(e, v);
        return e;
    }

    /// <summary>
    /// Publishes a draft: finds what it touches (models named, and models the named parts fit), records each record, and asks
    /// each affected customer's account manager (the customer's owner, else the order's, else the sales managers' pool) to
    /// confirm within 24 hours.
    /// </summary>
    public async Task<EcnDetail> PublishAsync(Guid id, PublishEcn input, CancellationToken ct)
    {
        var e = await LoadAsync(id, input.Version, ct);
        if (e.Status != EcnStatus.Draft)
            throw new AppConflictException(t["Ecn.Error.Published"]);
        var parts = PipeList.Split(e.PartNumbers);
        var models = PipeList
            .Split(e.ProductIds)
            .Select(Guid.Parse)
            .Concat(parts.Count == 0 ? [] : (await partModels.ModelsOfAsync([.. parts], ct)).Values.SelectMany(m => m))
            .Distinct()
            .ToList();
        var now = Now;
        var due = now + ConfirmWithin;
        await db.InTransactionAsync(
            async () =>
            {
                var orders = await db.Set<SalesOrder>()
                    .AsNoTracking()
                    .Where(o =>
                        o.Status == SalesOrderStatus.Open && o.Lines.Any(l => l.ProductId != null && models.Contains(l.ProductId.Value))
                    )
                    .Select(o => new Touched(o.Id, o.Number, o.CustomerId, o.CustomerName, o.OwnerId))
                    .ToListAsync(ct);
                var opportunities = await db.Set<Opportunity>()
                    .AsNoTracking()
                    .Where(o => o.Status == StageKind.Open && o.Lines.Any(l => l.ProductId != null && models.Contains(l.ProductId.Value)))
                    .Select(o => new Touched(o.Id, o.Number + " " + o.Title, o.CustomerId, o.CustomerName, o.OwnerId))
                    .ToListAsync(ct);
                var orderIds = orders.Select(o => o.Id).ToList();
                var opportunityIds = opportunities.Select(o => o.Id).ToList();
                var projects = await db.Set<Project>()
                    .AsNoTracking()
                    .Where(p =>
                        p.Status == ProjectStatus.Active
                        && (
                            (p.SalesOrderId != null && orderIds.Contains(p.SalesOrderId.Value))
                            || (p.OpportunityId != null && opportunityIds.Contains(p.OpportunityId.Value))
                        )
                    )
                    .Select(p => new Touched(p.Id, p.Number + " " + p.Name, p.CustomerId, p.CustomerName, p.OwnerId))
                    .ToListAsync(ct);
                var machineQuery = directory.MachinesOfModels(models, e.SerialFrom, e.SerialTo, e.BuiltFrom, e.BuiltTo);
                var machines = await machineQuery.ToListAsync(ct);
                var open = await workOrders
                    .On(directory.MachineIdsOfModels(models, e.SerialFrom, e.SerialTo, e.BuiltFrom, e.BuiltTo))
                    .ToListAsync(ct);

                void Add(ImpactKind kind, Guid record, string label, Guid customer) =>
                    db.Add(
                        new EcnImpact
                        {
                            Id = Guid.CreateVersion7(),
                            EcnId = e.Id,
                            Kind = kind,
                            RecordId = record,
                            Label = label.Length > 200 ? label[..200] : label,
                            CustomerId = customer,
                        }
                    );
                foreach (var o in orders)
                    Add(ImpactKind.SalesOrder, o.Id, o.Label, o.CustomerId);
                foreach (var o in opportunities)
                    Add(ImpactKind.Opportunity, o.Id, o.Label, o.CustomerId);
                foreach (var p in projects)
                    Add(ImpactKind.Project, p.Id, p.Label, p.CustomerId);
                foreach (var m in machines)
                    Add(ImpactKind.Machine, m.Id, m.SerialNumber, m.CustomerId);
                foreach (var w in open)
                    Add(ImpactKind.WorkOrder, w.Id, w.Number, w.CustomerId);

                var customerIds = machines
                    .Select(m => m.CustomerId)
                    .Concat(orders.Select(o => o.CustomerId))
                    .Concat(opportunities.Select(o => o.CustomerId))
                    .Concat(open.Select(w => w.CustomerId))
                    .Distinct()
                    .ToList();
                var profiles = await directory
                    .Profiles()
                    .Where(p => customerIds.Contains(p.Id))
                    .Select(p => new
                    {
                        p.Id,
                        p.Name,
                        p.OwnerId,
                    })
                    .ToListAsync(ct);
                var activeReps = await db.ActiveInRoles(Roles.Sales, Roles.SalesManager).Select(u => u.Id).ToListAsync(ct);
                var byOrder = orders
                    .Concat(opportunities)
                    .Where(o => o.OwnerId != null)
                    .GroupBy(o => o.CustomerId)
                    .ToDictionary(g => g.Key, g => g.First().OwnerId);
                var tasks = taskPorts.FirstOrDefault();
                var told = new Dictionary<Guid, int>();
                foreach (var p in profiles.OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    Guid? manager =
                        p.OwnerId is { } o && activeReps.Contains(o) ? o
                        : byOrder.GetValueOrDefault(p.Id) is { } b && activeReps.Contains(b) ? b
                        : null;
                    var confirmation = new EcnConfirmation
                    {
                        Id = Guid.CreateVersion7(),
                        EcnId = e.Id,
                        CustomerId = p.Id,
                        CustomerName = p.Name,
                        AccountManagerId = manager,
                        DueAtUtc = due,
                    };
                    confirmation.TaskId = tasks?.Add(
                        new TaskRequest(
                            t["Ecn.Task.Title", e.Number, p.Name],
                            t[
                                "Ecn.Task.Body",
                                e.Title,
                                e.EffectiveOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)
                            ],
                            Ecn.RecordTypeName,
                            e.Id,
                            $"{e.Number} {e.Title}",
                            manager,
                            manager is null ? Roles.SalesManager : null,
                            due
                        )
                    );
                    db.Add(confirmation);
                    if (manager is { } m)
                        told[m] = told.GetValueOrDefault(m) + 1;
                }
                foreach (var (manager, count) in told)
                    notifier.NotifyUsers(
                        "EcnConfirm",
                        [manager],
                        $"/ecn/{e.Id}",
                        [e.Number, count.ToString(System.Globalization.CultureInfo.InvariantCulture)],
                        mail: true
                    );
                if (profiles.Count > 0)
                    db.Schedule(EscalateKind, e.Id.ToString(), due);
                e.Status = EcnStatus.Published;
                e.PublishedAtUtc = now;
                e.PublishedById = scope.Me;
                e.ConfirmDueAtUtc = due;
                e.Orders = orders.Count;
                e.Opportunities = opportunities.Count;
                e.Projects = projects.Count;
                e.Machines = machines.Count;
                e.WorkOrders = open.Count;
                e.Customers = profiles.Count;
                await db.SaveChangesAsync(ct);
                return 0;
            },
            ct
        );
        return await GetAsync(id, ct);
    }

    private sealed record Touched(Guid Id, string Label, Guid CustomerId, string CustomerName, Guid? OwnerId);

    /// <summary>
    /// Records what the customer said: per order where given, the overall answer for the rest. Confirmed once every order,
    /// opportunity and project of theirs has an answer (or, with none, the overall one is given); the task is then done.
    /// </summary>
    public async Task<ConfirmationDto> AnswerAsync(Guid id, Guid confirmationId, AnswerEcn input, CancellationToken ct)
    {
        if (input.Version is not { } v)
            throw AppValidationException.For("version", t["Common.Error.VersionRequired"]);
        var c = await db.Set<EcnConfirmation>().SingleOrDefaultAsync(x => x.Id == confirmationId && x.EcnId == id, ct);
        // The account manager a confirmation was given to answers it even for a customer outside their own list.
        if (
            c is null
            || c.AccountManagerId != scope.Me && !directory.SeesEverything && !await directory.CanSeeCustomerAsync(c.CustomerId, ct)
        )
            throw new AppNotFoundException(t["Common.NotFound"]);
        db.ExpectVersion(c, v);
        if (!CanAnswer(c))
            throw new AppForbiddenException(t["Ecn.Error.NotYours"]);
        var impacts = await db.Set<EcnImpact>()
            .Where(i => i.EcnId == id && i.CustomerId == c.CustomerId && i.Kind <= ImpactKind.Project)
            .ToListAsync(ct);
        var errors = new ValidationErrors();
        if (input.Outcome is { } o && !Enum.IsDefined(o))
            errors.Add("outcome", t["Common.Error.Choice"]);
        var given = input.Orders ?? [];
        for (var i = 0; i < given.Count; i++)
        {
            if (given[i] is not { } g || g.ImpactId is not { } impactId || impacts.All(x => x.Id != impactId))
                errors.Add($"orders[{i}].impactId", t["Common.NotFound"]);
            else if (g.Outcome is not { } go || !Enum.IsDefined(go))
                errors.Add($"orders[{i}].outcome", t["Common.Error.Choice"]);
        }
        if (input.Outcome is null && given.Count == 0)
            errors.Add("outcome", t["Common.Error.Required"]);
        if ((input.Note?.Length ?? 0) > 2000)
            errors.Add("note", t["Common.Error.MaxLength", 2000]);
        errors.ThrowIfAny();
        foreach (var g in given)
            impacts.Single(x => x.Id == g!.ImpactId).Outcome = g!.Outcome;
        if (input.Outcome is { } overall)
        {
            c.Outcome = overall;
            foreach (var i in impacts.Where(x => x.Outcome is null))
                i.Outcome = overall;
        }
        c.Note = input.Note?.Trim() ?? c.Note;
        var complete = impacts.Count > 0 ? impacts.All(x => x.Outcome is not null) : c.Outcome is not null;
        if (complete && c.ConfirmedAtUtc is null)
        {
            c.ConfirmedAtUtc = Now;
            c.ConfirmedById = scope.Me;
            c.Outcome ??= impacts.Select(x => x.Outcome!.Value).Distinct().Count() == 1 ? impacts[0].Outcome : EcnOutcome.Discuss;
            if (c.TaskId is { } task && taskPorts.FirstOrDefault() is { } tasks)
                await tasks.CloseAsync(task, t[$"Ecn.Outcome.{c.Outcome}"], ct);
        }
        await db.SaveChangesAsync(ct);
        return (await ConfirmationsAsync(id, false, PageRequest.From(1, 1), ct, only: c.Id)).Items[0];
    }

    /// <summary>The answers' deadline passed: the confirmations still open go to the sales managers, once.</summary>
    public async Task EscalateAsync(Guid id, CancellationToken ct)
    {
        var now = Now;
        var e = await db.Set<Ecn>().AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (e is null)
            return;
        var late = await db.Set<EcnConfirmation>()
            .Where(c => c.EcnId == id && c.ConfirmedAtUtc == null && c.EscalatedAtUtc == null && c.DueAtUtc <= now)
            .ToListAsync(ct);
        if (late.Count == 0)
            return;
        foreach (var c in late)
            c.EscalatedAtUtc = now;
        var managers = await db.ActiveInRoles(Roles.SalesManager).Select(u => u.Id).ToListAsync(ct);
        notifier.NotifyUsers(
            "EcnOverdue",
            managers,
            $"/ecn/{id}",
            [e.Number, late.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            mail: true
        );
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>The answers' deadline of a published ECN.</summary>
internal sealed class EcnEscalation : IDueItemHandler
{
    public string Kind => EcnService.EscalateKind;

    public Task HandleAsync(DueItem item, IServiceProvider services, CancellationToken ct) =>
        Microsoft
            .Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<EcnService>(services)
            .EscalateAsync(Guid.Parse(item.SubjectId), ct);
}
