using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Steadfast.Platform.Data;

namespace Steadfast.Inventory.Warehouses;

/// <summary>Central stock, or the van stock an engineer carries (车载库存).</summary>
public enum WarehouseKind
{
    Central = 0,
    Van = 1,
}

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
