using Steadfast.Platform.Data;

namespace Steadfast.Inventory.Warehouses;

/// <summary>Inventory switches: one row.</summary>
internal sealed class InventorySettings : IVersioned, IAudited
{
    public const int SingletonId = 1;
    public int Id { get; set; } = SingletonId;

    /// <summary>呆滞库存: stock with no movement for this many days.</summary>
    public int DeadStockDays { get; set; } = 180;

    /// <summary>
    /// Requests worth more than this (fen) waited for the service manager; read once, when the default approval process is
    /// made, whose condition carries it from then on.
    /// </summary>
    public long ApprovalThreshold { get; set; } = 2_000_00;

    /// <summary>Whether engineers may see colleagues' vans (to ask them for a part).</summary>
    public bool EngineersSeeOtherVans { get; set; }
    public long Version { get; set; } = 1;
}
