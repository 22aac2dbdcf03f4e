using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Steadfast.Inventory.Warehouses;
using Steadfast.Platform.Data;

namespace Steadfast.Inventory.Counts;

public enum CountStatus
{
    Open = 0,
    Posted = 1,
    Cancelled = 2,
}

/// <summary>
/// A stock count (盘点) of one warehouse: counted quantities are entered, differences reviewed, then posted as adjustments.
/// </summary>
internal sealed class StockCount : IVersioned, IAudited
{
    public Guid Id { get; set; }
    public string Number { get; set; } = "";
    public Guid WarehouseId { get; set; }
    public CountStatus Status { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime? PostedAtUtc { get; set; }
    public string PostedBy { get; set; } = "";
    public long Version { get; set; } = 1;
    public List<StockCountLine> Lines { get; set; } = [];
}

internal sealed class StockCountConfiguration : IEntityTypeConfiguration<StockCount>, IEntityTypeConfiguration<StockCountLine>
{
    public void Configure(EntityTypeBuilder<StockCount> b)
    {
        b.Property(x => x.Number).HasMaxLength(20);
        b.Property(x => x.CreatedBy).HasMaxLength(200);
        b.Property(x => x.PostedBy).HasMaxLength(200);
        b.HasIndex(x => x.Number).IsUnique();
        // One open count per warehouse: a second one while counting is a 409 from the database too.
        b.HasIndex(x => x.WarehouseId).IsUnique().HasFilter("\"Status\" = 0");
        b.HasOne<Warehouse>().WithMany().HasForeignKey(x => x.WarehouseId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Lines).WithOne().HasForeignKey(l => l.CountId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<StockCountLine> b) => b.HasKey(l => new { l.CountId, l.PartId });
}
