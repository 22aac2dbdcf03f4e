using Microsoft.EntityFrameworkCore;
using Steadfast.Sales.Receivables;

namespace Steadfast.Sales.Contracts;

/// <summary>A payment of the customer's own contract as the portal shows it.</summary>
public sealed record PortalPayment(string Name, DateOnly? DueOn, long Amount, long Paid, long Open, bool Overdue);

/// <summary>An invoice (发票) issued on the customer's own contract: for their accounts payable to match.</summary>
public sealed record PortalInvoice(string Number, DateOnly IssuedOn, string Instalment, long Amount);

/// <summary>
/// A contract as its customer sees it in the portal: what they signed, what it covers and includes, what they owe and
/// when. No owner, notes, discount, approval or internal status.
/// </summary>
public sealed record PortalContract(
    Guid Id,
    string Number,
    string Title,
    ContractKind Kind,
    ServiceKind? ServiceKind,
    bool Active,
    DateOnly StartsOn,
    DateOnly EndsOn,
    long Amount,
    long Received,
    IReadOnlyList<string> Machines,
    int VisitsIncluded,
    int VisitsUsed,
    IReadOnlyList<PortalPayment> Payments,
    IReadOnlyList<PortalInvoice> Invoices
);

internal sealed partial class ContractService
{
    /// <summary>The caller's company's signed contracts (customers only), newest first.</summary>
    public async Task<List<PortalContract>> PortalAsync(CancellationToken ct)
    {
        var today = Today;
        var list = await Visible()
            .AsNoTracking()
            .Where(c => c.Status >= ContractStatus.Signed)
            .OrderByDescending(c => c.StartsOn)
            .Take(100)
            .Include(c => c.Machines)
            .Include(c => c.Instalments)
            .AsSplitQuery()
            .ToListAsync(ct);
        var ids = list.Select(c => c.Id).ToList();
        var invoices = (
            await (
                from v in db.Set<Invoice>().AsNoTracking()
                join i in db.Set<Instalment>() on v.InstalmentId equals i.Id
                where ids.Contains(v.ContractId)
                orderby v.IssuedOn, v.Number
                select new { v.ContractId, Invoice = new PortalInvoice(v.Number, v.IssuedOn, i.Name, v.Amount) }
            ).ToListAsync(ct)
        ).ToLookup(x => x.ContractId, x => x.Invoice);
        return
        [
            .. list.Select(c => new PortalContract(
                c.Id,
                c.Number,
                c.Title,
                c.Kind,
                c.ServiceKind,
                c.Status is ContractStatus.Signed or ContractStatus.Active && c.EndsOn >= today,
                c.StartsOn,
                c.EndsOn,
                c.Amount,
                c.Received,
                [.. c.Machines.Select(m => m.SerialNumber).Order(StringComparer.Ordinal)],
                c.VisitsIncluded,
                c.VisitsUsed,
                [
                    .. c
                        .Instalments.Where(i => i.Owed)
                        .OrderBy(i => i.Position)
                        .Select(i => new PortalPayment(i.Name, i.DueOn, i.Amount, i.Paid, i.Open, i.Open > 0 && i.DueOn < today)),
                ],
                [.. invoices[c.Id]]
            )),
        ];
    }
}
