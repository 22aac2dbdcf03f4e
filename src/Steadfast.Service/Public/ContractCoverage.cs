namespace Steadfast.Service.Public;

/// <summary>
/// What a service contract covers on one machine, as the work order needs it at intake: shares of each cost line the
/// contract pays (percent), the service level that picks the SLA policy, and the included visits.
/// </summary>
public sealed record CoverageTerms(
    Guid ContractId,
    string ContractNumber,
    int LabourPercent,
    int PartsPercent,
    bool TravelCovered,
    string ServiceLevel,
    int VisitsIncluded,
    int VisitsUsed
);

/// <summary>What a contract paid of an order's parts (fen), and whether its cap stopped it paying more.</summary>
public sealed record PartsCover(long Covered, bool CapReached);

/// <summary>
/// Service contracts as the work order sees them. Contracts live above this module (in Sales), so the work order asks
/// through this port; with no contracts module installed nothing is covered.
/// </summary>
public interface IContractCoverage
{
    /// <summary>The signed or active service contract covering the machine on the day (by serial or by model), or null.</summary>
    Task<CoverageTerms?> FindAsync(Guid customerId, Guid machineId, Guid productId, DateOnly on, CancellationToken ct);

    /// <summary>Takes one included visit in one statement; false when none is left (the visit is then billable).</summary>
    Task<bool> TakeVisitAsync(Guid contractId, CancellationToken ct);

    /// <summary>Gives a taken visit back (the order was cancelled).</summary>
    Task ReturnVisitAsync(Guid contractId, CancellationToken ct);

    /// <summary>
    /// What the contract pays of a resolved order's parts (fen): its percent of the parts it covers (all of them, or
    /// those on its list; parts bought on the spot only when it has no list), at most what is left under its cap, which
    /// this takes in the same step.
    /// </summary>
    Task<PartsCover> CoverPartsAsync(
        Guid contractId,
        IReadOnlyDictionary<Guid, long> stockCostByPart,
        long otherParts,
        int percent,
        CancellationToken ct
    );

    /// <summary>Gives parts cover back under the cap (the order was reopened and is costed again).</summary>
    Task ReturnPartsAsync(Guid contractId, long amount, CancellationToken ct);
}
