namespace Steadfast.Service.WorkOrders;

/// <summary>One step in an order's life: who moved it from where to where, when, and why.</summary>
internal sealed class WorkOrderEvent
{
    public Guid Id { get; set; }
    public Guid WorkOrderId { get; set; }
    public DateTime AtUtc { get; set; }
    public WorkOrderStatus? From { get; set; }
    public WorkOrderStatus To { get; set; }
    public Guid? ActorId { get; set; }
    public string ActorName { get; set; } = "";
    public string Note { get; set; } = "";
}
