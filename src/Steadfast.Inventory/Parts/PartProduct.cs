using Steadfast.Platform.Data;

namespace Steadfast.Inventory.Parts;

/// <summary>A product model the part fits. A part with none fits every machine (oil, filters, fuses).</summary>
internal sealed class PartProduct : IAudited
{
    public Guid PartId { get; set; }
    public Guid ProductId { get; set; }
}
