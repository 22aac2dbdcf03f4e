namespace Steadfast.Inventory.Counts;

internal sealed class StockCountLine
{
    public Guid CountId { get; set; }
    public Guid PartId { get; set; }

    /// <summary>On hand when the count was opened; posting compares with on-hand at that moment instead.</summary>
    public long Expected { get; set; }
    public long? Counted { get; set; }
}
