using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Steadfast.Platform.CustomFields;
using Steadfast.Platform.Data;

namespace Steadfast.Inventory.Parts;

/// <summary>A spare part (备件) in the catalogue. Money in fen; the standard cost is what a receipt defaults to.</summary>
[RecordType("part")]
internal sealed class Part : IVersioned, IAudited, IHasCustomFields
{
    public Guid Id { get; set; }
    public string Number { get; set; } = "";
    public string Name { get; set; } = "";
    public string Specification { get; set; } = "";
    public string Unit { get; set; } = "pcs";
    public long UnitCost { get; set; }
    public long SalePrice { get; set; }
    public int ReorderPoint { get; set; }
    public int ReorderQuantity { get; set; }
    public int? LifeDays { get; set; }
    public int? LifeHours { get; set; }

    /// <summary>Returned faulty parts of this kind are tracked by serial number.</summary>
    public bool Serialized { get; set; }
    public Guid? PhotoId { get; set; }
    public bool IsActive { get; set; } = true;
    public long Version { get; set; } = 1;
    public CustomFieldValues CustomFields { get; set; } = new();
}

internal sealed class PartConfiguration : IEntityTypeConfiguration<Part>, IEntityTypeConfiguration<PartProduct>
{
    public void Configure(EntityTypeBuilder<Part> b)
    {
        b.Property(p => p.Number).HasMaxLength(40);
        b.Property(p => p.Name).HasMaxLength(200);
        b.Property(p => p.Specification).HasMaxLength(500);
        b.Property(p => p.Unit).HasMaxLength(20);
        b.HasIndex(p => p.Number).IsUnique();
        b.HasIndex(p => p.Name);
    }

    public void Configure(EntityTypeBuilder<PartProduct> b)
    {
        b.HasKey(x => new { x.PartId, x.ProductId });
        b.HasOne<Part>().WithMany().HasForeignKey(x => x.PartId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.ProductId);
    }
}
