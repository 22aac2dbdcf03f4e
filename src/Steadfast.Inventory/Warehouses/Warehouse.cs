using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Steadfast.Platform.Data;

namespace Steadfast.Inventory.Warehouses;

/// <summary>Central stock, or the van stock an engineer carries (车载库存).</summary>
public enum WarehouseKind { Central = 0, Van = 1 }

/// <summary>A place stock is kept, with the person who answers for it.</summary>
internal sealed class Warehouse : IVersioned, IAudited
{
    public Guid Id { get; set; }
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public WarehouseKind Kind { get; set; }
    public Guid? KeeperId { get; set; }
    public string Region { get; set; } = "";
    public bool IsActive { get; set; } = true;
    public long Version { get; set; } = 1;
}

/// <summary>Inventory switches: one row.</summary>
internal sealed class InventorySettings : IVersioned, IAudited
{
    public const int SingletonId = 1;
    public int Id { get; set; } = SingletonId;
    /// <summary>呆滞库存: stock with no movement for this many days.</summary>
    public int DeadStockDays { get; set; } = 180;
    /// <summary>Requests worth more than this (fen) wait for the service manager.</summary>
    public long ApprovalThreshold { get; set; } = 2_000_00;
    /// <summary>Whether engineers may see colleagues' vans (to ask them for a part).</summary>
    public bool EngineersSeeOtherVans { get; set; }
    public long Version { get; set; } = 1;
}

internal sealed class WarehouseConfiguration : IEntityTypeConfiguration<Warehouse>, IEntityTypeConfiguration<InventorySettings>
{
    public void Configure(EntityTypeBuilder<Warehouse> b)
    {
        b.Property(w => w.Code).HasMaxLength(20);
        b.Property(w => w.Name).HasMaxLength(100);
        b.Property(w => w.Region).HasMaxLength(50);
        b.HasIndex(w => w.Code).IsUnique();
        // One van per engineer.
        b.HasIndex(w => w.KeeperId).IsUnique().HasFilter("\"Kind\" = 1");
    }

    public void Configure(EntityTypeBuilder<InventorySettings> b)
    {
        b.ToTable("InventorySettings");
        b.Property(s => s.Id).ValueGeneratedNever();
    }
}
