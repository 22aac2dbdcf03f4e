using Steadfast.Platform.Data;
using Steadfast.Service.WorkOrders;

namespace Steadfast.Service.Public;

/// <summary>
/// A work order's money as profitability reads it (fen): what it cost us and what the customer is billed. Set by member
/// initialisers so a caller's query can group, filter and page by any member.
/// </summary>
public sealed class OrderMoney
{
    public Guid Id { get; init; }
    public string Number { get; init; } = "";
    public Guid CustomerId { get; init; }
    public Guid? ContractId { get; init; }
    public int ReportedDay { get; init; }
    public string Region { get; init; } = "";
    public string ProductCategory { get; init; } = "";
    public long Cost { get; init; }
    public long Billable { get; init; }
}

/// <summary>Work orders' costs and billable charges for modules above (profitability), composed into their queries.</summary>
public sealed class ServiceCosts(AppDbContext db)
{
    /// <summary>Unscoped, cancelled orders left out: the caller decides who sees what. Days are yyyyMMdd.</summary>
    public IQueryable<OrderMoney> Between(int fromDay, int toDay) =>
        db.Set<WorkOrder>()
            .Where(w => w.ReportedDay >= fromDay && w.ReportedDay <= toDay && w.Status != WorkOrderStatus.Cancelled)
            .Select(Charges.Money);
}
