using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Steadfast.Platform.CustomFields;
using Steadfast.Platform.Data;

namespace Steadfast.Customers.Products;

/// <summary>A product model (产品型号): what a machine is an instance of.</summary>
[RecordType("product")]
internal sealed class Product : IVersioned, IAudited, IHasCustomFields
{
    public Guid Id { get; set; }
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string Category { get; set; } = "";
    public int WarrantyMonths { get; set; } = 12;

    /// <summary>Maintenance hint: every N days.</summary>
    public int? MaintenanceDays { get; set; }

    /// <summary>Maintenance hint: every N running hours.</summary>
    public int? MaintenanceHours { get; set; }
    public string Description { get; set; } = "";
    public bool IsActive { get; set; } = true;
    public long Version { get; set; } = 1;
    public CustomFieldValues CustomFields { get; set; } = new();
}

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> b)
    {
        b.Property(p => p.Code).HasMaxLength(50);
        b.Property(p => p.Name).HasMaxLength(200);
        b.Property(p => p.Category).HasMaxLength(100);
        b.Property(p => p.Description).HasMaxLength(2000);
        b.HasIndex(p => p.Code).IsUnique();
    }
}
