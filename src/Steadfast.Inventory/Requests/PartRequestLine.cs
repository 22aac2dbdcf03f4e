namespace Steadfast.Inventory.Requests;

internal sealed class PartRequestLine
{
    public Guid RequestId { get; set; }
    public Guid PartId { get; set; }
    public long Quantity { get; set; }
}
