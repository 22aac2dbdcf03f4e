using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Steadfast.Customers.Public;
using Steadfast.Platform.Api;
using Steadfast.Platform.Data;
using Steadfast.Sales.Opportunities;
using Steadfast.Sales.Receivables;

namespace Steadfast.Sales.Contracts;

internal sealed partial class ContractService
{
    public const int MaxMachines = 2000;
    public const int MaxCoveredParts = 500;

    public async Task<ContractDetail> CreateAsync(SaveContract input, CancellationToken ct)
    {
        var c = new Contract
        {
            Id = Guid.CreateVersion7(),
            Status = ContractStatus.Draft,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
            OwnerId = actor.UserId,
        };
        await ApplyAsync(c, input, isNew: true, ct);
        await SaveNewAsync(c, input.Number, ct);
        return await GetAsync(c.Id, ct);
    }

    /// <summary>Numbers by the company's pattern (<c>Contracts:NumberPattern</c>), unless the paper contract has its own.</summary>
    private async Task SaveNewAsync(Contract c, string? number, CancellationToken ct)
    {
        var given = number?.Trim() ?? "";
        if (given.Length > 40)
            throw AppValidationException.For("number", t["Common.Error.MaxLength", 40]);
        if (given.Length > 0 && await db.Set<Contract>().AnyAsync(x => x.Number == given, ct))
            throw AppValidationException.For("number", t["Contracts.Error.Duplicate", given]);
        await db.InTransactionAsync(
            async () =>
            {
                c.Number = given.Length > 0 ? given : await NextNumberAsync(ct);
                foreach (var i in c.Instalments)
                    Copy(c, i);
                db.Add(c);
                await db.SaveChangesAsync(ct);
                return 0;
            },
            ct
        );
    }

    private async Task<string> NextNumberAsync(CancellationToken ct)
    {
        var pattern = config.GetValue<string>("Contracts:NumberPattern") ?? "HT-{yyyy}-{seq}";
        var today = Today;
        var year = today.Year.ToString(CultureInfo.InvariantCulture);
        var n = await db.NextAsync($"contract:{year}", ct);
        return pattern
            .Replace("{yyyy}", year, StringComparison.Ordinal)
            .Replace("{yy}", year[2..], StringComparison.Ordinal)
            .Replace("{MM}", today.Month.ToString("00", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{seq}", n.ToString("00000", CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    /// <summary>Only a draft changes: once submitted the approvers decided on it, once signed it is the signed version.</summary>
    public async Task<ContractDetail> UpdateAsync(Guid id, SaveContract input, CancellationToken ct)
    {
        if (input.Version is null)
            throw AppValidationException.For("version", t["Common.Error.VersionRequired"]);
        var c = await WholeAsync(id, tracked: true, ct) ?? throw new AppNotFoundException(t["Common.NotFound"]);
        db.ExpectVersion(c, input.Version.Value);
        if (!c.IsEditable)
            throw new AppConflictException(t["Contracts.Error.NotDraft", t[$"Contracts.Status.{c.Status}"]]);
        await ApplyAsync(c, input, isNew: false, ct);
        await db.SaveChangesAsync(ct);
        return await GetAsync(id, ct);
    }

    /// <summary>A won opportunity becomes a sales contract draft: the accepted quote's net lines, else the opportunity's.</summary>
    public async Task<ContractDetail> FromOpportunityAsync(ContractFromOpportunity input, CancellationToken ct)
    {
        if (input.OpportunityId is not { } oid)
            throw AppValidationException.For("opportunityId", t["Common.Error.Required"]);
        var o = await db.Set<Opportunity>().AsNoTracking().Include(x => x.Lines).SingleOrDefaultAsync(x => x.Id == oid, ct);
        if (o is null || !await directory.CanSeeCustomerAsync(o.CustomerId, ct))
            throw AppValidationException.For("opportunityId", t["Contracts.Error.Opportunity"]);
        if (o.Status != StageKind.Won)
            throw AppValidationException.For("opportunityId", t["Contracts.Error.NotWon"]);
        var quote = await db.Set<Quotes.Quote>()
            .AsNoTracking()
            .Include(q => q.Lines)
            .Where(q => q.OpportunityId == oid && q.Status == Quotes.QuoteStatus.Accepted)
            .OrderByDescending(q => q.CreatedAtUtc)
            .FirstOrDefaultAsync(ct);
        var lines = quote is not null
            ? quote
                .Lines.OrderBy(l => l.Position)
                .Select(l => new SaveLine(l.ProductId, l.Description, l.Quantity, (long)Math.Round(l.Net / l.Quantity)))
                .ToList()
            : o.Lines.OrderBy(l => l.Position).Select(l => new SaveLine(l.ProductId, l.Description, l.Quantity, l.UnitPrice)).ToList();
        if (lines.Count == 0)
            lines.Add(new SaveLine(null, o.Title, 1, o.Amount));
        var starts = input.StartsOn ?? Today;
        var c = new Contract
        {
            Id = Guid.CreateVersion7(),
            Status = ContractStatus.Draft,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
            OwnerId = o.OwnerId ?? actor.UserId,
            OpportunityId = o.Id,
            QuoteId = quote?.Id,
            SalesOrderId = o.SalesOrderId,
        };
        await ApplyAsync(
            c,
            new SaveContract(
                o.Title,
                ContractKind.Sales,
                null,
                o.CustomerId,
                c.OwnerId,
                starts,
                input.EndsOn ?? starts.AddYears(1).AddDays(-1),
                null,
                "CNY",
                13,
                quote?.MaxDiscountPercent ?? 0,
                false,
                quote?.Terms,
                lines,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null
            ),
            isNew: true,
            ct
        );
        await SaveNewAsync(c, null, ct);
        return await GetAsync(c.Id, ct);
    }

    private async Task ApplyAsync(Contract c, SaveContract input, bool isNew, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var title = input.Title?.Trim() ?? (isNew ? "" : c.Title);
        if (title.Length is 0 or > 200)
            errors.Add("title", t["Contracts.Error.Title"]);
        var kind = input.Kind ?? (isNew ? ContractKind.Sales : c.Kind);
        if (!Enum.IsDefined(kind))
            errors.Add("kind", t["Common.Error.Choice"]);
        var serviceKind = input.ServiceKind ?? (isNew ? null : c.ServiceKind);
        if (kind == ContractKind.Service && serviceKind is null)
            errors.Add("serviceKind", t["Contracts.Error.ServiceKind"]);
        else if (serviceKind is { } sk && !Enum.IsDefined(sk))
            errors.Add("serviceKind", t["Common.Error.Choice"]);
        CustomerFacts? customer = null;
        var customerId = input.CustomerId ?? (isNew ? null : c.CustomerId);
        if (customerId is not { } cid || (customer = await directory.VisibleCustomerFactsAsync(cid, ct)) is null)
            errors.Add("customerId", t["Leads.Error.Customer"]);
        var starts = input.StartsOn ?? (isNew ? null : c.StartsOn);
        var ends = input.EndsOn ?? (isNew ? null : c.EndsOn);
        if (starts is null)
            errors.Add("startsOn", t["Common.Error.Required"]);
        if (ends is null)
            errors.Add("endsOn", t["Common.Error.Required"]);
        else if (starts is { } s0 && ends < s0)
            errors.Add("endsOn", t["Contracts.Error.EndBeforeStart"]);
        else if (starts is { } s1 && ends > s1.AddYears(10))
            errors.Add("endsOn", t["Contracts.Error.TooLong"]);
        var currency = input.Currency?.Trim().ToUpperInvariant() ?? (isNew ? "CNY" : c.Currency);
        if (currency != "CNY")
            errors.Add("currency", t["Contracts.Error.Currency"]);
        var tax = input.TaxRate ?? (isNew ? 13 : c.TaxRate);
        if (tax is < 0 or > 100)
            errors.Add("taxRate", t["Common.Error.Range", 0, 100]);
        var discount = input.DiscountPercent ?? (isNew ? 0 : c.DiscountPercent);
        if (discount is < 0 or > 100)
            errors.Add("discountPercent", t["Common.Error.Range", 0, 100]);
        if (input.Terms is { Length: > 4000 })
            errors.Add("terms", t["Common.Error.MaxLength", 4000]);
        if (input.OwnerId is { } owner && owner != c.OwnerId && !await db.Users.AnyAsync(u => u.Id == owner && u.IsActive, ct))
            errors.Add("ownerId", t["Leads.Error.Owner"]);
        var products =
            input.Lines is null && input.ModelIds is null ? [] : (await directory.ProductsAsync(ct)).ToDictionary(p => p.Id, p => p.Name);
        var lines = LineItems.Check(input.Lines, products, errors, t);
        long? amount = input.Amount
            ?? (
                input.Lines is not null && lines.Count > 0 ? lines.Sum(l => l.Amount)
                : isNew ? null
                : c.Amount
            );
        if (amount is null)
            errors.Add("amount", t["Common.Error.Required"]);
        else if (amount is < 0 or > 1_000_000_000_000)
            errors.Add("amount", t["Contracts.Error.Amount"]);
        else if (
            input.Amount is { } given
            && input.Lines is { Count: > 0 }
            && lines.Count == input.Lines.Count
            && given != lines.Sum(l => l.Amount)
        )
            errors.Add("amount", t["Contracts.Error.LinesTotal", Platform.Ui.Money.Amount(lines.Sum(l => l.Amount))]);
        // Entitlements: only a service contract has them.
        var level = input.ServiceLevel?.Trim().ToUpperInvariant() ?? (isNew ? "" : c.ServiceLevel);
        if (!Service.Public.ServiceLevels.IsValid(level))
            errors.Add("serviceLevel", t["Sla.Error.ServiceLevel"]);
        Percent(input.LabourPercent, "labourPercent", errors);
        Percent(input.PartsPercent, "partsPercent", errors);
        if (input.PartsCap is < 0 or > 1_000_000_000_000)
            errors.Add("partsCap", t["Contracts.Error.Amount"]);
        var partIds = input.PartIds?.Distinct().ToList();
        if (partIds is { Count: > MaxCoveredParts })
            errors.Add("partIds", t["Common.Error.MaxLength", MaxCoveredParts]);
        else if (partIds is { Count: > 0 } && (await partModels.LabelsAsync(partIds, ct)).Count != partIds.Count)
            errors.Add("partIds", t["Contracts.Error.Part"]);
        if (input.VisitsPerYear is < 0 or > 365)
            errors.Add("visitsPerYear", t["Common.Error.Range", 0, 365]);
        var (machines, models) = await CoverageAsync(c, kind, input, customerId, products, errors, ct);
        var plan = input.Instalments is null ? null : PaymentPlan.Check(input.Instalments, amount ?? 0, errors, t);
        if (plan is null && !isNew && input.Amount is not null && amount != c.Amount && c.Instalments.Count > 0)
            errors.Add(
                "instalments",
                t[
                    "Contracts.Error.PlanTotal",
                    Platform.Ui.Money.Amount(c.Instalments.Sum(i => i.Amount)),
                    Platform.Ui.Money.Amount(amount ?? 0)
                ]
            );
        var values = await fields.ValidateAsync(Contract.RecordTypeName, input.CustomFields, isNew ? null : c.CustomFields, errors, ct);
        if (!errors.Any && kind == ContractKind.Service && machines.Count + models.Count > 0)
            await CheckOverlapAsync(
                c.Id,
                c.AmendmentOfId,
                customerId!.Value,
                serviceKind!.Value,
                starts!.Value,
                ends!.Value,
                machines,
                models,
                errors,
                ct
            );
        errors.ThrowIfAny();

        c.Title = title;
        c.Kind = kind;
        c.ServiceKind = kind == ContractKind.Service ? serviceKind : null;
        c.CustomerId = customer!.Id;
        c.CustomerName = customer.Name;
        c.Region = customer.Province;
        if (isNew && input.OwnerId is null)
            c.OwnerId = await directory.Profiles().Where(p => p.Id == customer.Id).Select(p => p.OwnerId).FirstOrDefaultAsync(ct)
                ?? c.OwnerId;
        c.OwnerId = input.OwnerId ?? c.OwnerId;
        c.StartsOn = starts!.Value;
        c.EndsOn = ends!.Value;
        c.Amount = amount!.Value;
        c.Currency = currency;
        c.TaxRate = Math.Round(tax, 2);
        c.DiscountPercent = Math.Round(discount, 2);
        c.NonStandardTerms = input.NonStandardTerms ?? c.NonStandardTerms;
        c.Terms = input.Terms?.Trim() ?? c.Terms;
        c.CustomFields = values;
        ApplyEntitlements(c, input, level);
        if (input.Lines is not null)
        {
            LineItems.Replace(db, c.Lines, lines, () => new ContractLine { ContractId = c.Id });
        }
        if (input.MachineIds is not null)
        {
            db.RemoveRange(c.Machines);
            c.Machines.Clear();
            c.Machines.AddRange(
                machines.Select(m => new CoveredMachine
                {
                    ContractId = c.Id,
                    MachineId = m.Id,
                    SerialNumber = m.SerialNumber,
                })
            );
        }
        if (partIds is not null)
        {
            db.RemoveRange(c.Parts);
            c.Parts.Clear();
            if (kind == ContractKind.Service)
                c.Parts.AddRange(partIds.Select(p => new CoveredPart { ContractId = c.Id, PartId = p }));
        }
        if (input.ModelIds is not null)
        {
            db.RemoveRange(c.Models);
            c.Models.Clear();
            c.Models.AddRange(models.Select(p => new CoveredModel { ContractId = c.Id, ProductId = p }));
        }
        if (plan is not null)
            ReplacePlan(c, plan);
        else
            foreach (var i in c.Instalments)
                Copy(c, i);
    }

    private void ApplyEntitlements(Contract c, SaveContract input, string level)
    {
        if (c.Kind != ContractKind.Service)
        {
            (c.ServiceLevel, c.VisitsPerYear, c.VisitsIncluded, c.LabourPercent, c.PartsPercent) = ("", 0, 0, 0, 0);
            (c.TravelCovered, c.RemoteSupport, c.PartsCap) = (false, false, null);
            return;
        }
        c.ServiceLevel = level;
        c.VisitsPerYear = input.VisitsPerYear ?? c.VisitsPerYear;
        c.VisitsIncluded = IncludedVisits(c.VisitsPerYear, c.StartsOn, c.EndsOn);
        c.LabourPercent = input.LabourPercent ?? c.LabourPercent;
        c.PartsPercent = input.PartsPercent ?? c.PartsPercent;
        c.TravelCovered = input.TravelCovered ?? c.TravelCovered;
        c.RemoteSupport = input.RemoteSupport ?? c.RemoteSupport;
        // Given, a cap of 0 is "no cap": the form has no separate switch, and a contract covering no parts says 0 %.
        if (input.PartsCap is { } cap)
            c.PartsCap = cap == 0 ? null : cap;
    }

    /// <summary>Visits a year over the term, rounded up: a 12-month contract with 4 a year includes 4, an 18-month one 6.</summary>
    public static int IncludedVisits(int perYear, DateOnly starts, DateOnly ends)
    {
        var days = ends.DayNumber - starts.DayNumber + 1;
        var years = Math.Max(1m, Math.Round(days / 365m, 2));
        return (int)Math.Ceiling(perYear * years);
    }

    private void ReplacePlan(Contract c, List<PlannedInstalment> plan)
    {
        db.RemoveRange(c.Instalments);
        c.Instalments.Clear();
        var position = 0;
        foreach (var p in plan)
            c.Instalments.Add(
                new Instalment
                {
                    ContractId = c.Id,
                    Position = position++,
                    Name = p.Name,
                    DueFrom = p.DueFrom,
                    OffsetDays = p.OffsetDays,
                    FixedOn = p.FixedOn,
                    Amount = p.Amount,
                    Open = p.Amount,
                    DueOn = PaymentPlan.DueOn(p.DueFrom, p.OffsetDays, p.FixedOn, c.SignedOn, c.DeliveredOn, c.AcceptedOn),
                }
            );
        foreach (var i in c.Instalments)
            Copy(c, i);
    }

    /// <summary>What an instalment carries of its contract, so reminders and the ageing need no join.</summary>
    internal static void Copy(Contract c, Instalment i) =>
        (i.CustomerId, i.OwnerId, i.Region, i.ContractNumber, i.CustomerName) = (
            c.CustomerId,
            c.OwnerId,
            c.Region,
            c.Number,
            c.CustomerName
        );

    private void Percent(int? value, string field, ValidationErrors errors)
    {
        if (value is < 0 or > 100)
            errors.Add(field, t["Common.Error.Range", 0, 100]);
    }

    /// <summary>The machines named by serial (each the customer's) and the models covered wholesale.</summary>
    private async Task<(List<MachineFacts> Machines, List<Guid> Models)> CoverageAsync(
        Contract c,
        ContractKind kind,
        SaveContract input,
        Guid? customerId,
        Dictionary<Guid, string> products,
        ValidationErrors errors,
        CancellationToken ct
    )
    {
        if (kind != ContractKind.Service)
        {
            if (input.MachineIds is { Count: > 0 })
                errors.Add("machineIds", t["Contracts.Error.CoverageOnService"]);
            return ([], []);
        }
        List<MachineFacts> machines = [];
        var ids = input.MachineIds ?? [.. c.Machines.Select(m => m.MachineId)];
        if (ids.Count > MaxMachines)
            errors.Add("machineIds", t["Common.Error.MaxLength", MaxMachines]);
        else if (ids.Count > 0 && customerId is { } cid)
        {
            var own = (await directory.MachinesOfAsync(cid, ct)).ToDictionary(m => m.Id);
            var unknown = ids.Where(id => !own.ContainsKey(id)).ToList();
            if (unknown.Count > 0)
                errors.Add("machineIds", t["Contracts.Error.Machine"]);
            machines = [.. ids.Distinct().Where(own.ContainsKey).Select(id => own[id])];
        }
        var models = input.ModelIds ?? [.. c.Models.Select(m => m.ProductId)];
        if (models.Any(m => !products.ContainsKey(m)) && input.ModelIds is not null)
            errors.Add("modelIds", t["Sales.Error.Product"]);
        return (machines, [.. models.Distinct()]);
    }

    /// <summary>
    /// A machine covered twice for the same kind of service over overlapping dates is a mistake someone pays for:
    /// refused, naming the other contract. Machines covered by model count by the customer's machines of that model.
    /// </summary>
    private async Task CheckOverlapAsync(
        Guid self,
        Guid? replaced,
        Guid customerId,
        ServiceKind kind,
        DateOnly starts,
        DateOnly ends,
        List<MachineFacts> machines,
        List<Guid> models,
        ValidationErrors errors,
        CancellationToken ct
    )
    {
        var others = await db.Set<Contract>()
            .AsNoTracking()
            .Where(x =>
                x.Id != self
                && x.Id != replaced
                && x.CustomerId == customerId
                && x.Kind == ContractKind.Service
                && x.ServiceKind == kind
                && x.Status >= ContractStatus.InApproval
                && x.Status <= ContractStatus.Active
                && x.StartsOn <= ends
                && x.EndsOn >= starts
            )
            .Select(x => new
            {
                x.Number,
                Machines = x.Machines.Select(m => m.MachineId).ToList(),
                Models = x.Models.Select(m => m.ProductId).ToList(),
            })
            .ToListAsync(ct);
        if (others.Count == 0)
            return;
        var all = await directory.MachinesOfAsync(customerId, ct);
        var mine = machines.Select(m => m.Id).Concat(all.Where(m => models.Contains(m.ProductId)).Select(m => m.Id)).ToHashSet();
        foreach (var o in others)
        {
            var theirs = o.Machines.Concat(all.Where(m => o.Models.Contains(m.ProductId)).Select(m => m.Id));
            var clash = all.FirstOrDefault(m => mine.Contains(m.Id) && theirs.Contains(m.Id));
            if (clash is not null)
            {
                errors.Add(
                    models.Count > 0 && !machines.Any(m => m.Id == clash.Id) ? "modelIds" : "machineIds",
                    t["Contracts.Error.Overlap", clash.SerialNumber, o.Number]
                );
                return;
            }
        }
    }
}
