namespace Steadfast.Inventory.Stock;

/// <summary>A request or issue that stock could not meet (缺货).</summary>
internal sealed class StockOut
{
    public Guid Id { get; set; }
    public DateTime AtUtc { get; set; }
    public Guid PartId { get; set; }
    public Guid WarehouseId { get; set; }
    public long Requested { get; set; }
    public long Available { get; set; }
    public Guid? RequestId { get; set; }
    public Guid? WorkOrderId { get; set; }
}
