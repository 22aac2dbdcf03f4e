using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Steadfast.Platform.CustomFields;
using Steadfast.Platform.Data;

namespace Steadfast.Sales.Orders;

public enum SalesOrderStatus
{
    Open = 0,
    Delivered = 1,
    Cancelled = 2,
}

/// <summary>
/// What a customer bought (销售订单): entered, won from an opportunity, imported, or upserted from the ERP by its key. The
/// value module reads these for recency, frequency and monetary value, so they are indexed by customer and date.
/// </summary>
[RecordType(RecordTypeName)]
internal sealed class SalesOrder : IVersioned, IAudited
{
    public const string RecordTypeName = Public.SalesRecords.SalesOrder;
    public Guid Id { get; set; }
    public string Number { get; set; } = "";
    public string? ExternalId { get; set; }
    public Guid CustomerId { get; set; }
    public string CustomerName { get; set; } = "";
    public DateOnly OrderedOn { get; set; }
    public DateOnly? DeliveryOn { get; set; }
    public SalesOrderStatus Status { get; set; }

    /// <summary>Fen, the lines' total.</summary>
    public long Amount { get; set; }
    public Guid? OwnerId { get; set; }
    public Guid? OpportunityId { get; set; }
    public string Notes { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
    public long Version { get; set; } = 1;
    public List<SalesOrderLine> Lines { get; set; } = [];
}

internal sealed class SalesOrderLine : IPricedRow
{
    public Guid Id { get; set; }
    public Guid SalesOrderId { get; set; }
    public int Position { get; set; }
    public Guid? ProductId { get; set; }
    public string Description { get; set; } = "";
    public decimal Quantity { get; set; }
    public long UnitPrice { get; set; }
    public long Amount { get; set; }
}

internal sealed class SalesOrderConfiguration : IEntityTypeConfiguration<SalesOrder>
{
    public void Configure(EntityTypeBuilder<SalesOrder> b)
    {
        b.Property(o => o.Number).HasMaxLength(30);
        b.Property(o => o.ExternalId).HasMaxLength(100);
        b.Property(o => o.CustomerName).HasMaxLength(200);
        b.Property(o => o.Notes).HasMaxLength(2000);
        b.HasIndex(o => o.Number).IsUnique();
        b.HasIndex(o => o.ExternalId).IsUnique();
        b.HasIndex(o => new
        {
            o.CustomerId,
            o.OrderedOn,
            o.Amount,
        });
        b.HasIndex(o => new { o.OrderedOn, o.Status });
        b.HasIndex(o => new { o.OwnerId, o.OrderedOn });
        b.HasIndex(o => o.OpportunityId);
        b.HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.SalesOrderId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SalesOrderLineConfiguration : IEntityTypeConfiguration<SalesOrderLine>
{
    public void Configure(EntityTypeBuilder<SalesOrderLine> b)
    {
        b.Property(l => l.Description).HasMaxLength(300);
        b.Property(l => l.Quantity).HasPrecision(18, 3);
        b.HasIndex(l => new { l.SalesOrderId, l.Position });
        b.HasIndex(l => new { l.ProductId, l.SalesOrderId });
    }
}
