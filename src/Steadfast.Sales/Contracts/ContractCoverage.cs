using Microsoft.EntityFrameworkCore;
using Steadfast.Platform.Data;
using Steadfast.Service.Public;

namespace Steadfast.Sales.Contracts;

/// <summary>The work order's port to service contracts: which one covers a machine on a day, and its included visits.</summary>
internal sealed class ContractCoverage(AppDbContext db) : IContractCoverage
{
    private static readonly CompiledQuery<
        Func<AppDbContext, Guid, Guid, Guid, DateOnly, CancellationToken, Task<CoverageTerms?>>
    > Covering = new(() =>
        EF.CompileAsyncQuery(
            (AppDbContext db, Guid customerId, Guid machineId, Guid productId, DateOnly on, CancellationToken ct) =>
                db.Set<Contract>()
                    .Where(c =>
                        c.CustomerId == customerId
                        && c.Kind == ContractKind.Service
                        && (c.Status == ContractStatus.Signed || c.Status == ContractStatus.Active)
                        && c.EndsOn >= on
                        && c.StartsOn <= on
                        && (c.Machines.Any(m => m.MachineId == machineId) || c.Models.Any(m => m.ProductId == productId))
                    )
                    // Named by serial before covered by model; then the one that pays most of a repair.
                    .OrderByDescending(c => c.Machines.Any(m => m.MachineId == machineId))
                    .ThenByDescending(c => c.LabourPercent + c.PartsPercent)
                    .ThenBy(c => c.Number)
                    .Select(c => new CoverageTerms(
                        c.Id,
                        c.Number,
                        c.LabourPercent,
                        c.PartsPercent,
                        c.TravelCovered,
                        c.ServiceLevel,
                        c.VisitsIncluded,
                        c.VisitsUsed
                    ))
                    .FirstOrDefault()
        )
    );

    public Task<CoverageTerms?> FindAsync(Guid customerId, Guid machineId, Guid productId, DateOnly on, CancellationToken ct) =>
        Covering.For(db)(db, customerId, machineId, productId, on, ct);

    public async Task<bool> TakeVisitAsync(Guid contractId, CancellationToken ct) =>
        await db.Set<Contract>()
            .Where(c => c.Id == contractId && c.VisitsUsed < c.VisitsIncluded)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.VisitsUsed, c => c.VisitsUsed + 1), ct) == 1;

    public Task ReturnVisitAsync(Guid contractId, CancellationToken ct) =>
        db.Set<Contract>()
            .Where(c => c.Id == contractId && c.VisitsUsed > 0)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.VisitsUsed, c => c.VisitsUsed - 1), ct);
}
