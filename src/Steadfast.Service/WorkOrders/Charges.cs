using System.Linq.Expressions;

namespace Steadfast.Service.WorkOrders;

public enum CoveredBy
{
    Nobody = 0,
    Warranty = 1,
    Contract = 2,
}

/// <summary>One cost line of an order (fen): what it cost, what the warranty or contract pays, what the customer is billed.</summary>
public sealed record ChargeLine(string Kind, long Cost, long Covered, long Billable);

/// <summary>
/// Who pays which part of an order: the warranty pays everything; a service contract pays its share of labour and parts
/// (percent, the customer's share rounded down to the fen) and travel when it says so; otherwise the customer pays.
/// The database sums use the same integer arithmetic (<see cref="WorkOrderService.CustomerSummaryAsync"/>).
/// </summary>
public static class Charges
{
    public static CoveredBy Payer(bool inWarranty, Guid? contractId) =>
        inWarranty ? CoveredBy.Warranty
        : contractId is null ? CoveredBy.Nobody
        : CoveredBy.Contract;

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
                + w.PartsCost * (100 - w.CoveredPartsPercent) / 100
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
            w.CoveredTravel
        );

    public static IReadOnlyList<ChargeLine> Split(
        bool inWarranty,
        Guid? contractId,
        long labour,
        long parts,
        long travel,
        int labourPercent,
        int partsPercent,
        bool travelCovered
    )
    {
        var payer = Payer(inWarranty, contractId);
        ChargeLine Line(string kind, long cost, long billable) => new(kind, cost, cost - billable, billable);
        return payer switch
        {
            CoveredBy.Warranty => [Line("labour", labour, 0), Line("parts", parts, 0), Line("travel", travel, 0)],
            CoveredBy.Contract =>
            [
                Line("labour", labour, BillableShare(labour, labourPercent)),
                Line("parts", parts, BillableShare(parts, partsPercent)),
                Line("travel", travel, travelCovered ? 0 : travel),
            ],
            _ => [Line("labour", labour, labour), Line("parts", parts, parts), Line("travel", travel, travel)],
        };
    }

    /// <summary>Whether anything of the order can be billed: not in warranty and not wholly covered by its contract.</summary>
    public static bool IsBillable(bool inWarranty, Guid? contractId, int labourPercent, int partsPercent, bool travelCovered) =>
        !inWarranty && (contractId is null || labourPercent < 100 || partsPercent < 100 || !travelCovered);
}
