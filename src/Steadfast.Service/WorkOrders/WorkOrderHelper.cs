using Steadfast.Platform.Data;

namespace Steadfast.Service.WorkOrders;

/// <summary>Engineers who help the lead engineer on an order.</summary>
internal sealed class WorkOrderHelper : IAudited
{
    public Guid WorkOrderId { get; set; }
    public Guid UserId { get; set; }
}
