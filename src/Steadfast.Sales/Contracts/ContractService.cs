using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Localization;
using Steadfast.Customers.Public;
using Steadfast.Platform.Api;
using Steadfast.Platform.Audit;
using Steadfast.Platform.Automation;
using Steadfast.Platform.CustomFields;
using Steadfast.Platform.Data;
using Steadfast.Platform.Identity;
using Steadfast.Platform.Localization;
using Steadfast.Sales.Opportunities;
using Steadfast.Sales.Receivables;

namespace Steadfast.Sales.Contracts;

/// <summary>
/// Contracts (合同): who sees which, the lists and the detail. Entry and changes are in <c>ContractEditing</c>, the flow
/// (approval, signature, milestones, termination, amendment) in <c>ContractFlow</c>.
/// </summary>
internal sealed partial class ContractService(
    AppDbContext db,
    CustomerDirectory directory,
    CustomFieldService fields,
    CurrentActor actor,
    SalesNumbers numbers,
    IEnumerable<IApprovals> approvals,
    IConfiguration config,
    TimeProvider clock,
    IServiceProvider services,
    Inventory.Public.PartModels partModels,
    IStringLocalizer<Strings> t
) : IApprovalSubject
{
    public string RecordType => Contract.RecordTypeName;

    private DateOnly Today => numbers.Today;

    /// <summary>Finance, admins and executives see every contract; everyone else the contracts of the customers they see.</summary>
    public bool SeesAll => actor.IsInRole(Roles.Admin) || actor.IsInRole(Roles.Finance) || actor.IsInRole(Roles.Executive);

    /// <summary>The contracts drafted from an opportunity, so its page links them rather than drafting twice.</summary>
    public Task<List<ContractLink>> OfOpportunityAsync(Guid opportunityId, CancellationToken ct) =>
        Visible()
            .Where(c => c.OpportunityId == opportunityId)
            .OrderBy(c => c.Number)
            .Select(c => new ContractLink(c.Id, c.Number, c.Status))
            .ToListAsync(ct);

    public IQueryable<Contract> Visible()
    {
        var all = db.Set<Contract>();
        if (SeesAll || directory.SeesEverything)
            return all;
        var visible = directory.VisibleCustomerIds();
        return all.Where(c => visible.Contains(c.CustomerId));
    }

    /// <summary>
    /// Service staff see what a contract covers, and its prices only unless the company hides them from service
    /// (<c>Contracts:HidePricesFromService</c>).
    /// </summary>
    public bool PricesHidden =>
        config.GetValue("Contracts:HidePricesFromService", false)
        && !actor.IsInRole(Roles.Admin)
        && !actor.IsInRole(Roles.Finance)
        && !actor.IsInRole(Roles.Executive)
        && !actor.IsInRole(Roles.SalesManager)
        && !actor.IsInRole(Roles.Sales);

    public bool MayEdit => actor.IsInRole(Roles.Admin) || actor.IsInRole(Roles.SalesManager) || actor.IsInRole(Roles.Sales);

    public async Task<PagedResult<ContractListItem>> ListAsync(ContractQuery query, PageRequest page, CancellationToken ct)
    {
        var q = Visible().AsNoTracking();
        if (query.Kind is { } kind)
            q = q.Where(c => c.Kind == kind);
        if (query.Status is { } status)
            q = q.Where(c => c.Status == status);
        if (query.CustomerId is { } customer)
            q = q.Where(c => c.CustomerId == customer);
        if (query.OwnerId is { } owner)
            q = q.Where(c => c.OwnerId == owner);
        if (query.EndsFrom is { } from)
            q = q.Where(c => c.EndsOn >= from);
        if (query.EndsTo is { } to)
            q = q.Where(c => c.EndsOn <= to);
        if (query.MachineId is { } machine)
        {
            var product = await directory.MachineAsync(machine, ct);
            var productId = product?.ProductId ?? Guid.Empty;
            var customerId = product?.CustomerId ?? Guid.Empty;
            q = q.Where(c =>
                c.Machines.Any(m => m.MachineId == machine) || (c.CustomerId == customerId && c.Models.Any(m => m.ProductId == productId))
            );
        }
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var term = query.Q.Trim();
            q = q.Where(c => c.Number == term || c.CustomerName.StartsWith(term) || c.Title.StartsWith(term));
        }
        var hidden = PricesHidden;
        return await q.ToPageAsync(
            s => s.OrderByDescending(c => c.StartsOn).ThenByDescending(c => c.Id),
            s =>
                from c in s
                join u in db.Users on c.OwnerId equals u.Id into owners
                from u in owners.DefaultIfEmpty()
                select new ContractListItem(
                    c.Id,
                    c.Number,
                    c.Title,
                    c.Kind,
                    c.ServiceKind,
                    c.Status,
                    c.CustomerId,
                    c.CustomerName,
                    c.StartsOn,
                    c.EndsOn,
                    hidden ? null : c.Amount,
                    hidden ? null : c.Received,
                    u == null ? "" : u.DisplayName
                ),
            page,
            ct
        );
    }

    public async Task<ContractDetail> GetAsync(Guid id, CancellationToken ct)
    {
        var c = await WholeAsync(id, tracked: false, ct) ?? throw new AppNotFoundException(t["Common.NotFound"]);
        var owner = await db.Users.Where(u => u.Id == c.OwnerId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct);
        var hidden = PricesHidden;
        var today = Today;
        var parts = c.Parts.Count == 0 ? [] : await partModels.LabelsAsync([.. c.Parts.Select(p => p.PartId)], ct);
        return new ContractDetail(
            c.Id,
            c.Number,
            c.Title,
            c.Kind,
            c.ServiceKind,
            c.Status,
            c.CustomerId,
            c.CustomerName,
            c.OwnerId,
            owner ?? "",
            c.StartsOn,
            c.EndsOn,
            c.SignedOn,
            hidden ? null : c.Amount,
            c.Currency,
            c.TaxRate,
            hidden ? 0 : c.DiscountPercent,
            c.NonStandardTerms,
            c.Terms,
            c.OpportunityId,
            c.QuoteId,
            c.SalesOrderId,
            c.RenewalOfId,
            c.AmendmentOfId,
            c.ApprovalId,
            c.SignedBy,
            c.SignedAtUtc,
            c.SignedFileId,
            c.DeliveredOn,
            c.AcceptedOn,
            c.ServiceLevel,
            c.VisitsPerYear,
            c.VisitsIncluded,
            c.VisitsUsed,
            c.LabourPercent,
            c.PartsPercent,
            c.TravelCovered,
            c.RemoteSupport,
            c.PartsCap,
            c.PartsCapUsed,
            [.. parts.Select(p => new CoveredPartDto(p.Key, p.Value)).OrderBy(p => p.Label, StringComparer.Ordinal)],
            hidden ? null : c.Received,
            hidden ? null : c.Invoiced,
            hidden
                ? [.. c.Lines.OrderBy(l => l.Position).Select(l => new LineDto(l.ProductId, l.Description, l.Quantity, 0, 0))]
                :
                [
                    .. c
                        .Lines.OrderBy(l => l.Position)
                        .Select(l => new LineDto(l.ProductId, l.Description, l.Quantity, l.UnitPrice, l.Amount)),
                ],
            [
                .. c
                    .Machines.OrderBy(m => m.SerialNumber, StringComparer.Ordinal)
                    .Select(m => new CoveredMachineDto(m.MachineId, m.SerialNumber)),
            ],
            [.. c.Models.Select(m => m.ProductId)],
            hidden ? [] : [.. c.Instalments.OrderBy(i => i.Position).Select(i => ToDto(i, today))],
            hidden,
            [.. Next(c)],
            c.CustomFields.Values,
            c.Version
        );
    }

    internal static InstalmentDto ToDto(Instalment i, DateOnly today) =>
        new(
            i.Id,
            i.Position,
            i.Name,
            i.DueFrom,
            i.OffsetDays,
            i.FixedOn,
            i.DueOn,
            i.Amount,
            i.Paid,
            i.Invoiced,
            i.Open,
            i.PaidOn,
            i.Open > 0 ? PaymentPlan.DaysOverdue(i.DueOn, today) : 0,
            i.Version
        );

    /// <summary>The moves the caller may make from the contract's status (buttons on the page).</summary>
    private IEnumerable<ContractStatus> Next(Contract c)
    {
        if (!MayEdit)
            yield break;
        switch (c.Status)
        {
            case ContractStatus.Draft:
                yield return ContractStatus.InApproval;
                break;
            case ContractStatus.Approved:
                yield return ContractStatus.Signed;
                break;
            case ContractStatus.Signed or ContractStatus.Active:
                yield return ContractStatus.Terminated;
                break;
        }
    }

    private string MyName => actor.Principal.FindFirstValue(AppClaims.DisplayName) ?? actor.Name;

    /// <summary>The contract an instalment belongs to, if the caller may see it.</summary>
    public async Task<Guid?> ContractOfInstalmentAsync(Guid instalmentId, CancellationToken ct)
    {
        var contracts = Visible();
        return await db.Set<Instalment>()
            .Where(i => i.Id == instalmentId && contracts.Any(c => c.Id == i.ContractId))
            .Select(i => (Guid?)i.ContractId)
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>A visible contract with its lines, machines, models and plan, or null.</summary>
    private Task<Contract?> WholeAsync(Guid id, bool tracked, CancellationToken ct)
    {
        var q = Visible()
            .Include(x => x.Lines)
            .Include(x => x.Machines)
            .Include(x => x.Models)
            .Include(x => x.Parts)
            .Include(x => x.Instalments)
            .AsSplitQuery();
        return (tracked ? q : q.AsNoTracking()).SingleOrDefaultAsync(x => x.Id == id, ct);
    }

    internal async Task<Contract> FindAsync(Guid id, long? version, CancellationToken ct)
    {
        var c = await Visible().SingleOrDefaultAsync(x => x.Id == id, ct) ?? throw new AppNotFoundException(t["Common.NotFound"]);
        if (version is { } v)
            db.ExpectVersion(c, v);
        return c;
    }
}
