using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Steadfast.Customers.Customers;
using Steadfast.Customers.Products;
using Steadfast.Platform.CustomFields;
using Steadfast.Platform.Data;

namespace Steadfast.Customers.Equipment;

public enum MachineStatus
{
    Running = 0,
    Down = 1,
    UnderRepair = 2,
    Scrapped = 3,
}

/// <summary>One machine sold (一机一档): its identity, where it stands, its warranty and its QR token.</summary>
[RecordType("equipment")]
internal sealed class Machine : IVersioned, IAudited, IHasCustomFields
{
    public Guid Id { get; set; }
    public string SerialNumber { get; set; } = "";
    public Guid ProductId { get; set; }
    public Guid CustomerId { get; set; }
    public string SiteName { get; set; } = "";
    public string SiteAddress { get; set; } = "";
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public DateOnly? InstalledOn { get; set; }
    public DateOnly? CommissionedOn { get; set; }
    public DateOnly? WarrantyEndsOn { get; set; }

    /// <summary>The warranty end the owner was last told about: a notice goes once per machine, and again if the end moves.</summary>
    public DateOnly? WarrantyNoticeFor { get; set; }
    public MachineStatus Status { get; set; }
    public string Configuration { get; set; } = "";

    /// <summary>Line → machine → component.</summary>
    public Guid? ParentId { get; set; }

    /// <summary>Unguessable: printed in the QR code, opens the public repair page.</summary>
    public string QrToken { get; set; } = "";
    public string? ExternalId { get; set; }
    public double? LastReadingHours { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public long Version { get; set; } = 1;
    public CustomFieldValues CustomFields { get; set; } = new();
}

internal sealed class MachineConfiguration : IEntityTypeConfiguration<Machine>, IEntityTypeConfiguration<MeterReading>
{
    public void Configure(EntityTypeBuilder<Machine> b)
    {
        b.ToTable("Equipment");
        b.Property(m => m.SerialNumber).HasMaxLength(100);
        b.Property(m => m.SiteName).HasMaxLength(200);
        b.Property(m => m.SiteAddress).HasMaxLength(300);
        b.Property(m => m.Configuration).HasMaxLength(4000);
        b.Property(m => m.QrToken).HasMaxLength(40);
        b.Property(m => m.ExternalId).HasMaxLength(100);
        b.HasOne<Product>().WithMany().HasForeignKey(m => m.ProductId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Customer>().WithMany().HasForeignKey(m => m.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Machine>().WithMany().HasForeignKey(m => m.ParentId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(m => new { m.ProductId, m.SerialNumber }).IsUnique();
        b.HasIndex(m => m.SerialNumber);
        b.HasIndex(m => m.QrToken).IsUnique();
        b.HasIndex(m => m.ExternalId).IsUnique();
        b.HasIndex(m => new { m.CustomerId, m.Status });
        b.HasIndex(m => m.WarrantyEndsOn);
    }

    public void Configure(EntityTypeBuilder<MeterReading> b)
    {
        b.HasOne<Machine>().WithMany().HasForeignKey(r => r.MachineId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(r => new { r.MachineId, r.ReadAtUtc });
    }
}
