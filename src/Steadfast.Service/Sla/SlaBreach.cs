namespace Steadfast.Service.Sla;

/// <summary>A missed target, kept for the KPIs even after the order closes.</summary>
internal sealed class SlaBreach
{
    public Guid Id { get; set; }
    public Guid WorkOrderId { get; set; }
    public SlaTarget Target { get; set; }
    public DateTime DueAtUtc { get; set; }
    public DateTime BreachedAtUtc { get; set; }
}
