using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Steadfast.Inventory.Warehouses;
using Steadfast.Platform.Data;

namespace Steadfast.Inventory.Stock;

public enum TransferStatus
{
    InTransit = 0,
    Received = 1,
}

/// <summary>Stock on its way between warehouses: out of the source when sent, into the destination when received.</summary>
internal sealed class Transfer : IVersioned, IAudited
{
    public Guid Id { get; set; }
    public string Number { get; set; } = "";
    public Guid FromWarehouseId { get; set; }
    public Guid ToWarehouseId { get; set; }
    public TransferStatus Status { get; set; }
    public Guid? RequestId { get; set; }
    public DateTime SentAtUtc { get; set; }
    public string SentBy { get; set; } = "";
    public DateTime? ReceivedAtUtc { get; set; }
    public string ReceivedBy { get; set; } = "";
    public string Note { get; set; } = "";
    public long Version { get; set; } = 1;
    public List<TransferLine> Lines { get; set; } = [];
}

internal sealed class TransferConfiguration : IEntityTypeConfiguration<Transfer>, IEntityTypeConfiguration<TransferLine>
{
    public void Configure(EntityTypeBuilder<Transfer> b)
    {
        b.Property(x => x.Number).HasMaxLength(20);
        b.Property(x => x.SentBy).HasMaxLength(200);
        b.Property(x => x.ReceivedBy).HasMaxLength(200);
        b.Property(x => x.Note).HasMaxLength(500);
        b.HasIndex(x => x.Number).IsUnique();
        b.HasIndex(x => new { x.ToWarehouseId, x.Status });
        b.HasIndex(x => new { x.FromWarehouseId, x.Status });
        b.HasOne<Warehouse>().WithMany().HasForeignKey(x => x.FromWarehouseId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Warehouse>().WithMany().HasForeignKey(x => x.ToWarehouseId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Lines).WithOne().HasForeignKey(l => l.TransferId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<TransferLine> b) => b.HasKey(l => new { l.TransferId, l.PartId });
}
