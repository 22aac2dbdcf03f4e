using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Steadfast.Platform.Data;

namespace Steadfast.Customers.Dealers;

/// <summary>A distributor that registers and serves its own customers (经销商).</summary>
internal sealed class Dealer : IVersioned, IAudited
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public string Region { get; set; } = "";
    public string Phone { get; set; } = "";
    public long Version { get; set; } = 1;
}

internal sealed class DealerConfiguration : IEntityTypeConfiguration<Dealer>
{
    public void Configure(EntityTypeBuilder<Dealer> b)
    {
        b.Property(d => d.Name).HasMaxLength(200);
        b.Property(d => d.Region).HasMaxLength(100);
        b.Property(d => d.Phone).HasMaxLength(40);
        b.HasIndex(d => d.Name).IsUnique();
    }
}
