using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Steadfast.Inventory.Parts;
using Steadfast.Inventory.Public;
using Steadfast.Inventory.Warehouses;

namespace Steadfast.Inventory.Stock;

/// <summary>
/// One row of the stock ledger. Append-only: nothing updates or deletes a movement, a mistake is undone
/// by a reversing movement. Quantity and value carry their sign (out is negative), so on-hand and stock
/// value are plain sums. The ledger is its own audit trail (who, when, what, why), so rows are not also
/// copied to the audit log.
/// </summary>
internal sealed class StockMovement
{
    public Guid Id { get; set; }
    public DateTime AtUtc { get; set; }
    public MovementKind Kind { get; set; }
    public Guid PartId { get; set; }
    public Guid WarehouseId { get; set; }
    public long Quantity { get; set; }

    /// <summary>Fen, at moving-average cost for what goes out and at purchase cost for receipts.</summary>
    public long Value { get; set; }
    public Guid? WorkOrderId { get; set; }
    public string WorkOrderNumber { get; set; } = "";

    // Copied from the work order so consumption reports group without reaching into the service module.
    public Guid? CustomerId { get; set; }
    public Guid? MachineId { get; set; }
    public Guid? ProductId { get; set; }
    public string Region { get; set; } = "";

    /// <summary>For issues: charged to the customer (not under warranty).</summary>
    public bool Billable { get; set; }

    /// <summary>For returns: the part came back broken (旧件返还).</summary>
    public bool Faulty { get; set; }

    /// <summary>Faulty parts taken off the machine: recorded, never added to usable stock (Quantity stays 0).</summary>
    public long FaultyQuantity { get; set; }
    public string Serial { get; set; } = "";
    public string Reason { get; set; } = "";
    public Guid? TransferId { get; set; }
    public Guid? RequestId { get; set; }
    public Guid? CountId { get; set; }
    public Guid? ReversesId { get; set; }
    public Guid? ActorId { get; set; }
    public string ActorName { get; set; } = "";
}

internal sealed class StockConfiguration
    : IEntityTypeConfiguration<StockMovement>,
        IEntityTypeConfiguration<StockBalance>,
        IEntityTypeConfiguration<StockOut>
{
    public void Configure(EntityTypeBuilder<StockMovement> b)
    {
        b.Property(m => m.WorkOrderNumber).HasMaxLength(20);
        b.Property(m => m.Region).HasMaxLength(50);
        b.Property(m => m.Serial).HasMaxLength(100);
        b.Property(m => m.Reason).HasMaxLength(500);
        b.Property(m => m.ActorName).HasMaxLength(200);
        b.HasOne<Part>().WithMany().HasForeignKey(m => m.PartId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Warehouse>().WithMany().HasForeignKey(m => m.WarehouseId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(m => new { m.AtUtc, m.Id });
        b.HasIndex(m => new { m.PartId, m.AtUtc });
        b.HasIndex(m => new { m.WarehouseId, m.AtUtc });
        b.HasIndex(m => new { m.Kind, m.AtUtc });
        b.HasIndex(m => m.WorkOrderId);
        b.HasIndex(m => m.MachineId);
        b.HasIndex(m => m.TransferId);
        // A movement is reversed at most once.
        b.HasIndex(m => m.ReversesId).IsUnique();
    }

    public void Configure(EntityTypeBuilder<StockBalance> b)
    {
        b.HasKey(x => new { x.PartId, x.WarehouseId });
        b.HasOne<Part>().WithMany().HasForeignKey(x => x.PartId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Warehouse>().WithMany().HasForeignKey(x => x.WarehouseId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.WarehouseId);
        b.HasIndex(x => x.LastMovementAtUtc);
        b.ToTable("StockBalances", t => t.HasCheckConstraint("CK_StockBalances_NotNegative", "\"Quantity\" >= 0"));
    }

    public void Configure(EntityTypeBuilder<StockOut> b)
    {
        b.HasIndex(x => x.AtUtc);
        b.HasIndex(x => x.PartId);
    }
}
