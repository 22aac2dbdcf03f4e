using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Steadfast.Customers.Public;
using Steadfast.Platform.Api;
using Steadfast.Platform.Audit;
using Steadfast.Platform.Data;
using Steadfast.Platform.Localization;
using Steadfast.Sales.Contracts;

namespace Steadfast.Sales.Receivables;

/// <summary>Receipts (回款) and invoices (开票) against contracts' instalments: recorded by finance, everywhere.</summary>
internal sealed class ReceiptService(
    AppDbContext db,
    CustomerDirectory directory,
    ContractService contracts,
    SalesNumbers numbers,
    CurrentActor actor,
    TimeProvider clock,
    IStringLocalizer<Strings> t
)
{
    public const int MaxAllocations = 200;

    public async Task<ReceiptDto> RecordAsync(SaveReceipt input, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var external = input.ExternalId?.Trim();
        if (external is { Length: > 100 })
            errors.Add("externalId", t["Common.Error.MaxLength", 100]);
        var customer = input.CustomerId is { } cid ? await directory.CustomerFactsAsync(cid, ct) : null;
        if (customer is null)
            errors.Add("customerId", t["Leads.Error.Customer"]);
        if (input.ReceivedOn is not { } on)
            errors.Add("receivedOn", t["Common.Error.Required"]);
        else if (on > numbers.Today)
            errors.Add("receivedOn", t["Contracts.Error.ReceivedFuture"]);
        if (input.Amount is not { } amount || amount <= 0 || amount > 1_000_000_000_000)
            errors.Add("amount", t["Contracts.Error.ReceiptAmount"]);
        if (input.Reference is { Length: > 100 })
            errors.Add("reference", t["Common.Error.MaxLength", 100]);
        if (input.Notes is { Length: > 1000 })
            errors.Add("notes", t["Common.Error.MaxLength", 1000]);
        if (input.Allocations is { Count: > MaxAllocations })
            errors.Add("allocations", t["Common.Error.MaxLength", MaxAllocations]);
        errors.ThrowIfAny();

        var id = await db.InTransactionAsync(
            async () =>
            {
                var open = await db.Set<Instalment>()
                    .Where(i => i.CustomerId == customer!.Id && i.Owed && i.Open > 0)
                    .OrderBy(i => i.DueOn == null)
                    .ThenBy(i => i.DueOn)
                    .ThenBy(i => i.Position)
                    .ToListAsync(ct);
                var plan = Allocate(input, open, errors);
                var applied = plan.Sum(p => p.Amount);
                var credit = input.Amount!.Value - applied;
                // A share that failed its own check already says what is wrong; the remainder it leaves is not news.
                if (credit > 0 && input.AsCredit != true && !errors.Any)
                    errors.Add("amount", t["Contracts.Error.OverPaid", Platform.Ui.Money.Amount(credit)]);
                errors.ThrowIfAny();
                var receipt = new Receipt
                {
                    Id = Guid.CreateVersion7(),
                    Number = await numbers.NextAsync("RC", ct),
                    ExternalId = string.IsNullOrEmpty(external) ? null : external,
                    CustomerId = customer!.Id,
                    ReceivedOn = input.ReceivedOn!.Value,
                    Amount = input.Amount.Value,
                    Credit = credit,
                    Reference = input.Reference?.Trim() ?? "",
                    Notes = input.Notes?.Trim() ?? "",
                    RecordedById = actor.UserId,
                    CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
                };
                var contractIds = plan.Select(p => p.Instalment.ContractId).Distinct().ToList();
                var owners = await db.Set<Contract>().Where(c => contractIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
                foreach (var (i, share) in plan)
                {
                    i.Paid += share;
                    i.Open -= share;
                    if (i.Open == 0)
                        i.PaidOn = receipt.ReceivedOn;
                    owners[i.ContractId].Received += share;
                    receipt.Allocations.Add(
                        new ReceiptAllocation
                        {
                            ReceiptId = receipt.Id,
                            InstalmentId = i.Id,
                            ContractId = i.ContractId,
                            Amount = share,
                        }
                    );
                }
                db.Add(receipt);
                await db.SaveChangesAsync(ct);
                return receipt.Id;
            },
            ct
        );
        return await GetAsync(id, ct);
    }

    /// <summary>The ERP's sync by its key: a receipt already recorded is answered as it is, never recorded twice.</summary>
    public async Task<(ReceiptDto Receipt, bool Created)> UpsertByExternalIdAsync(
        string externalId,
        SaveReceipt input,
        CancellationToken ct
    )
    {
        externalId = externalId.Trim();
        if (externalId.Length is 0 or > 100)
            throw AppValidationException.For("externalId", t["Orders.Error.ExternalId"]);
        var existing = await db.Set<Receipt>().Where(r => r.ExternalId == externalId).Select(r => (Guid?)r.Id).FirstOrDefaultAsync(ct);
        if (existing is { } id)
            return (await GetAsync(id, ct), false);
        return (await RecordAsync(input with { ExternalId = externalId }, ct), true);
    }

    /// <summary>The receipt's shares: as the finance clerk split it, or the oldest due first.</summary>
    private List<(Instalment Instalment, long Amount)> Allocate(SaveReceipt input, List<Instalment> open, ValidationErrors errors)
    {
        var result = new List<(Instalment, long)>();
        var amount = input.Amount!.Value;
        if (input.Allocations is null || input.Allocations.Count == 0)
        {
            var left = amount;
            foreach (var i in open)
            {
                if (left == 0)
                    break;
                var share = Math.Min(left, i.Open);
                result.Add((i, share));
                left -= share;
            }
            return result;
        }
        var byId = open.ToDictionary(i => i.Id);
        var seen = new HashSet<Guid>();
        for (var n = 0; n < input.Allocations.Count; n++)
        {
            var a = input.Allocations[n];
            if (a?.InstalmentId is not { } iid || !byId.TryGetValue(iid, out var i) || !seen.Add(iid))
            {
                errors.Add($"allocations[{n}].instalmentId", t["Contracts.Error.Instalment"]);
                continue;
            }
            if (a.Amount is not { } share || share <= 0)
                errors.Add($"allocations[{n}].amount", t["Contracts.Error.ReceiptAmount"]);
            else if (share > i.Open)
                errors.Add($"allocations[{n}].amount", t["Contracts.Error.MoreThanOpen", Platform.Ui.Money.Amount(i.Open)]);
            else
                result.Add((i, share));
        }
        if (result.Sum(r => r.Item2) > amount)
            errors.Add("allocations", t["Contracts.Error.AllocatedMore", Platform.Ui.Money.Amount(amount)]);
        return result;
    }

    public async Task<ReceiptDto> GetAsync(Guid id, CancellationToken ct)
    {
        var r = await db.Set<Receipt>().AsNoTracking().Include(x => x.Allocations).SingleOrDefaultAsync(x => x.Id == id, ct)
            ?? throw new AppNotFoundException(t["Common.NotFound"]);
        if (!contracts.SeesAll && !await directory.CanSeeCustomerAsync(r.CustomerId, ct))
            throw new AppNotFoundException(t["Common.NotFound"]);
        return (await ToDtosAsync([r], ct))[0];
    }

    public async Task<PagedResult<ReceiptDto>> ListAsync(Guid? customerId, Guid? contractId, PageRequest page, CancellationToken ct)
    {
        var q = db.Set<Receipt>().AsNoTracking();
        if (!contracts.SeesAll && !directory.SeesEverything)
        {
            var visible = directory.VisibleCustomerIds();
            q = q.Where(r => visible.Contains(r.CustomerId));
        }
        if (customerId is { } c)
            q = q.Where(r => r.CustomerId == c);
        if (contractId is { } k)
            q = q.Where(r => r.Allocations.Any(a => a.ContractId == k));
        var total = await q.CountAsync(ct);
        var rows = await q.OrderByDescending(r => r.ReceivedOn)
            .ThenByDescending(r => r.Id)
            .Skip(page.Skip)
            .Take(page.PageSize)
            .Include(r => r.Allocations)
            .AsSplitQuery()
            .ToListAsync(ct);
        return new PagedResult<ReceiptDto>(await ToDtosAsync(rows, ct), total);
    }

    /// <summary>Receipts with their customers' names and what each share paid, read once for the whole list.</summary>
    private async Task<List<ReceiptDto>> ToDtosAsync(List<Receipt> receipts, CancellationToken ct)
    {
        var ids = receipts.SelectMany(r => r.Allocations).Select(a => a.InstalmentId).Distinct().ToList();
        // The instalment carries its contract's number: no join.
        var paid = await db.Set<Instalment>()
            .Where(i => ids.Contains(i.Id))
            .Select(i => new
            {
                i.Id,
                Number = i.ContractNumber,
                i.Name,
                i.DueOn,
                i.Position,
            })
            .ToDictionaryAsync(x => x.Id, ct);
        var customers = await directory.CustomerNamesAsync(receipts.Select(r => r.CustomerId), ct);
        return
        [
            .. receipts.Select(r => new ReceiptDto(
                r.Id,
                r.Number,
                r.ExternalId,
                r.CustomerId,
                customers.GetValueOrDefault(r.CustomerId) ?? "",
                r.ReceivedOn,
                r.Amount,
                r.Credit,
                r.Reference,
                r.Notes,
                [
                    .. r
                        .Allocations.Select(a => (Share: a, Paid: paid.GetValueOrDefault(a.InstalmentId)))
                        .OrderBy(x => x.Paid?.DueOn ?? DateOnly.MaxValue)
                        .ThenBy(x => x.Paid?.Position)
                        .Select(x => new AllocationDto(
                            x.Share.InstalmentId,
                            x.Share.ContractId,
                            x.Paid?.Number ?? "",
                            x.Paid?.Name ?? "",
                            x.Share.Amount
                        )),
                ],
                r.CreatedAtUtc
            )),
        ];
    }

    /// <summary>An invoice issued against an instalment: never more than is left to invoice on it.</summary>
    public async Task<InvoiceDto> InvoiceAsync(SaveInvoice input, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var instalment = input.InstalmentId is { } iid
            ? await db.Set<Instalment>().SingleOrDefaultAsync(i => i.Id == iid && i.Owed, ct)
            : null;
        if (instalment is null)
            errors.Add("instalmentId", t["Contracts.Error.Instalment"]);
        var number = input.Number?.Trim() ?? "";
        if (number.Length is 0 or > 50)
            errors.Add("number", t["Contracts.Error.InvoiceNumber"]);
        else if (await db.Set<Invoice>().AnyAsync(i => i.Number == number, ct))
            errors.Add("number", t["Contracts.Error.InvoiceDuplicate", number]);
        if (input.IssuedOn is not { } issued || issued > numbers.Today)
            errors.Add("issuedOn", t["Contracts.Error.IssuedOn"]);
        if (input.Amount is not { } amount || amount <= 0)
            errors.Add("amount", t["Contracts.Error.ReceiptAmount"]);
        else if (instalment is not null && amount > instalment.Amount - instalment.Invoiced)
            errors.Add("amount", t["Contracts.Error.InvoiceMore", Platform.Ui.Money.Amount(instalment.Amount - instalment.Invoiced)]);
        errors.ThrowIfAny();
        var invoice = new Invoice
        {
            Id = Guid.CreateVersion7(),
            Number = number,
            InstalmentId = instalment!.Id,
            ContractId = instalment.ContractId,
            CustomerId = instalment.CustomerId,
            IssuedOn = input.IssuedOn!.Value,
            Amount = input.Amount!.Value,
            RecordedById = actor.UserId,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        await db.InTransactionAsync(
            async () =>
            {
                instalment.Invoiced += invoice.Amount;
                var contract = await db.Set<Contract>().SingleAsync(c => c.Id == instalment.ContractId, ct);
                contract.Invoiced += invoice.Amount;
                db.Add(invoice);
                await db.SaveChangesAsync(ct);
                return 0;
            },
            ct
        );
        return new InvoiceDto(invoice.Id, invoice.Number, invoice.InstalmentId, invoice.ContractId, invoice.IssuedOn, invoice.Amount);
    }
}
