using Microsoft.EntityFrameworkCore;
using Steadfast.Platform.Data;
using Steadfast.Service.Public;

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

    public Task ReturnVisitAsync(Guid contractId, CancellationToken ct) =>
        db.Set<Contract>()
            .Where(c => c.Id == contractId && c.VisitsUsed > 0)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.VisitsUsed, c => c.VisitsUsed - 1), ct);
}
