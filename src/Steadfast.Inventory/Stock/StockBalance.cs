namespace Steadfast.Inventory.Stock;

/// <summary>
/// On-hand quantity and value of one part in one warehouse: the running sum of its movements, kept so
/// a stock check is one row, and changed only by the ledger in the same transaction as the movement.
/// </summary>
internal sealed class StockBalance
{
    public Guid PartId { get; set; }
    public Guid WarehouseId { get; set; }
    public long Quantity { get; set; }
    public long Value { get; set; }
    public DateTime? LastMovementAtUtc { get; set; }
}
