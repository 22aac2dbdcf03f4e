namespace Steadfast.Inventory.Stock;

/// <summary>What one transfer carries of one part, valued at the source's average cost when it left.</summary>
internal sealed class TransferLine
{
    public Guid TransferId { get; set; }
    public Guid PartId { get; set; }
    public long Quantity { get; set; }
    public long Value { get; set; }
}
