using System.Linq.Expressions;

namespace Steadfast.Service.WorkOrders;

/// <summary>One cost line of an order (fen): what it cost, what the warranty or contract pays, what the customer is billed.</summary>
public sealed record ChargeLine(string Kind, long Cost, long Covered, long Billable);

/// <summary>
/// Who pays which part of an order: the warranty pays everything; a service contract pays its share of labour and parts
/// (percent, the customer's share rounded down to the fen; once resolved, the parts amount it took under its list and
/// cap) and travel when it says so; otherwise the customer pays.
/// The database sums use the same integer arithmetic (<see cref="WorkOrderService.CustomerSummaryAsync"/>).
/// </summary>
public static class Charges
{
    public static long BillableShare(long cost, int coveredPercent) => cost * (100 - coveredPercent) / 100;

    /// <summary>
    /// An order's cost and billable share as SQL: <see cref="Split(WorkOrder)"/>'s arithmetic for queries that sum in the
    /// database (the customer's summary, profitability).
    /// </summary>
    internal static readonly Expression<Func<WorkOrder, Public.OrderMoney>> Money = w => new Public.OrderMoney
    {
        Id = w.Id,
        Number = w.Number,
        CustomerId = w.CustomerId,
        ContractId = w.ContractId,
        ReportedDay = w.ReportedDay,
        Region = w.Region,
        ProductCategory = w.ProductCategory,
        Cost = w.LabourCost + w.TravelCost + w.PartsCost,
        Billable =
            w.InWarranty ? 0
            : w.ContractId == null ? w.LabourCost + w.TravelCost + w.PartsCost
            : w.LabourCost * (100 - w.CoveredLabourPercent) / 100
                + (w.PartsCovered != null ? w.PartsCost - w.PartsCovered.Value : w.PartsCost * (100 - w.CoveredPartsPercent) / 100)
                + (w.CoveredTravel ? 0 : w.TravelCost),
    };

    internal static IReadOnlyList<ChargeLine> Split(WorkOrder w) =>
        Split(
            w.InWarranty,
            w.ContractId,
            w.LabourCost,
            w.PartsCost,
            w.TravelCost,
            w.CoveredLabourPercent,
            w.CoveredPartsPercent,
            w.CoveredTravel,
            w.PartsCovered
        );

    public static IReadOnlyList<ChargeLine> Split(
        bool inWarranty,
        Guid? contractId,
        long labour,
        long parts,
        long travel,
        int labourPercent,
        int partsPercent,
        bool travelCovered,
        long? partsCovered = null
    )
    {
        // The customer's part of a line when a contract covers the order; the warranty pays all, no contract nothing.
        long Billable(long cost, long underContract) =>
            inWarranty ? 0
            : contractId is null ? cost
            : underContract;
        ChargeLine Line(string kind, long cost, long billable) => new(kind, cost, cost - billable, billable);
        return
        [
            Line("labour", labour, Billable(labour, BillableShare(labour, labourPercent))),
            // Once resolved, the amount the contract took of the parts (its list and cap applied), not a share.
            Line("parts", parts, Billable(parts, partsCovered is { } pc ? parts - pc : BillableShare(parts, partsPercent))),
            Line("travel", travel, Billable(travel, travelCovered ? 0 : travel)),
        ];
    }

    /// <summary>Whether anything of the order can be billed: not in warranty and not wholly covered by its contract.</summary>
    public static bool IsBillable(
        bool inWarranty,
        Guid? contractId,
        int labourPercent,
        int partsPercent,
        bool travelCovered,
        long? partsCovered = null,
        long partsCost = 0
    ) =>
        !inWarranty
        && (contractId is null || labourPercent < 100 || (partsCovered is { } pc ? pc < partsCost : partsPercent < 100) || !travelCovered);
}
