using Microsoft.EntityFrameworkCore;
using Steadfast.Platform.Data;
using Steadfast.Service.Public;
using Steadfast.Service.WorkOrders;

namespace Steadfast.Sales.Contracts;

/// <summary>The work order's port to service contracts: which one covers a machine on a day, and its included visits.</summary>
internal sealed class ContractCoverage(AppDbContext db) : IContractCoverage
{
    private static readonly System.Linq.Expressions.Expression<Func<Contract, CoverageTerms>> Terms = c => new CoverageTerms(
        c.Id,
        c.Number,
        c.LabourPercent,
        c.PartsPercent,
        c.TravelCovered,
        c.ServiceLevel,
        c.VisitsIncluded,
        c.VisitsUsed
    );

    private static readonly CompiledQuery<Func<AppDbContext, Guid, Guid, DateOnly, CancellationToken, Task<CoverageTerms?>>> BySerial = new(
        () =>
            EF.CompileAsyncQuery(
                (AppDbContext db, Guid customerId, Guid machineId, DateOnly on, CancellationToken ct) =>
                    db.Set<CoveredMachine>()
                        .Where(m => m.MachineId == machineId)
                        .Join(db.Set<Contract>(), m => m.ContractId, c => c.Id, (m, c) => c)
                        .Where(c =>
                            c.CustomerId == customerId
                            && c.Kind == ContractKind.Service
                            && (c.Status == ContractStatus.Signed || c.Status == ContractStatus.Active)
                            && c.EndsOn >= on
                            && c.StartsOn <= on
                        )
                        // The one that pays most of a repair.
                        .OrderByDescending(c => c.LabourPercent + c.PartsPercent)
                        .ThenBy(c => c.Number)
                        .Select(Terms)
                        .FirstOrDefault()
            )
    );

    private static readonly CompiledQuery<Func<AppDbContext, Guid, Guid, DateOnly, CancellationToken, Task<CoverageTerms?>>> ByModel = new(
        () =>
            EF.CompileAsyncQuery(
                (AppDbContext db, Guid customerId, Guid productId, DateOnly on, CancellationToken ct) =>
                    db.Set<Contract>()
                        .Where(c =>
                            c.CustomerId == customerId
                            && c.Kind == ContractKind.Service
                            && (c.Status == ContractStatus.Signed || c.Status == ContractStatus.Active)
                            && c.EndsOn >= on
                            && c.StartsOn <= on
                            && c.Models.Any(m => m.ProductId == productId)
                        )
                        .OrderByDescending(c => c.LabourPercent + c.PartsPercent)
                        .ThenBy(c => c.Number)
                        .Select(Terms)
                        .FirstOrDefault()
            )
    );

    /// <summary>
    /// A contract naming the machine by serial before one covering its model at the customer. The serial is looked up
    /// first from the machine's side: a machine has a handful of contracts over its life, a customer may have hundreds.
    /// </summary>
    public async Task<CoverageTerms?> FindAsync(Guid customerId, Guid machineId, Guid productId, DateOnly on, CancellationToken ct) =>
        await BySerial.For(db)(db, customerId, machineId, on, ct) ?? await ByModel.For(db)(db, customerId, productId, on, ct);

    public async Task<bool> TakeVisitAsync(Guid contractId, CancellationToken ct) =>
        await db.Set<Contract>()
            .Where(c => c.Id == contractId && c.VisitsUsed < c.VisitsIncluded)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.VisitsUsed, c => c.VisitsUsed + 1), ct) == 1;

    public async Task<PartsCover> CoverPartsAsync(
        Guid contractId,
        IReadOnlyDictionary<Guid, long> stockCostByPart,
        long otherParts,
        int percent,
        CancellationToken ct
    )
    {
        var terms = await db.Set<Contract>()
            .Where(c => c.Id == contractId)
            .Select(c => new { c.PartsCap, Listed = c.Parts.Any() })
            .FirstOrDefaultAsync(ct);
        if (terms is null)
            return new PartsCover(0, false);
        long eligible;
        if (terms.Listed)
        {
            var keys = stockCostByPart.Keys.ToList();
            var listed = await db.Set<CoveredPart>()
                .Where(p => p.ContractId == contractId && keys.Contains(p.PartId))
                .Select(p => p.PartId)
                .ToListAsync(ct);
            eligible = listed.Sum(p => stockCostByPart[p]);
        }
        else
            eligible = stockCostByPart.Values.Sum() + otherParts;
        var covered = eligible - Charges.BillableShare(eligible, percent);
        if (terms.PartsCap is not { } cap || covered <= 0)
            return new PartsCover(Math.Max(0, covered), false);
        // Taken under the cap by a conditional update on what was read: a repair resolved at the same moment makes it
        // read again rather than both taking the same remainder.
        for (var attempt = 0; ; attempt++)
        {
            var used = await db.Set<Contract>().Where(c => c.Id == contractId).Select(c => c.PartsCapUsed).FirstAsync(ct);
            var take = Math.Clamp(cap - used, 0, covered);
            if (take == 0)
                return new PartsCover(0, true);
            var moved = await db.Set<Contract>()
                .Where(c => c.Id == contractId && c.PartsCapUsed == used)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.PartsCapUsed, used + take), ct);
            if (moved == 1)
                return new PartsCover(take, take < covered);
            if (attempt > 20)
                throw new DbUpdateConcurrencyException("The contract's parts cap kept changing.");
        }
    }

    public Task ReturnPartsAsync(Guid contractId, long amount, CancellationToken ct) =>
        db.Set<Contract>()
            .Where(c => c.Id == contractId && c.PartsCap != null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.PartsCapUsed, c => c.PartsCapUsed > amount ? c.PartsCapUsed - amount : 0), ct);

    public Task ReturnVisitAsync(Guid contractId, CancellationToken ct) =>
        db.Set<Contract>()
            .Where(c => c.Id == contractId && c.VisitsUsed > 0)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.VisitsUsed, c => c.VisitsUsed - 1), ct);
}
