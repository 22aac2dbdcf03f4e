using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Steadfast.Customers.Public;
using Steadfast.Platform.CustomFields;
using Steadfast.Platform.Data;

namespace Steadfast.Customers.Customers;

/// <summary>A B2B customer of the manufacturer: the centre of the 360° view.</summary>
[RecordType("customer")]
internal sealed class Customer : IVersioned, IAudited, IHasCustomFields
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";

    /// <summary><see cref="Text.MatchKey"/> of the name: equal keys are probable duplicates.</summary>
    public string MatchKey { get; set; } = "";
    public string? CreditCode { get; set; }
    public string Industry { get; set; } = "";
    public string Province { get; set; } = "";
    public string City { get; set; } = "";
    public string Address { get; set; } = "";
    public string Phone { get; set; } = "";
    public CustomerTier Tier { get; set; }
    public CustomerStatus Status { get; set; } = CustomerStatus.Active;
    public Guid? OwnerId { get; set; }
    public Guid? DealerId { get; set; }

    /// <summary>Tags as "|a|b|" so one LIKE finds a tag on both databases.</summary>
    public string Tags { get; set; } = "";

    /// <summary>The ERP's key, for bulk upsert.</summary>
    public string? ExternalId { get; set; }

    /// <summary>Set when merged into another customer; the old id keeps resolving to the survivor.</summary>
    public Guid? MergedIntoId { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public long Version { get; set; } = 1;
    public CustomFieldValues CustomFields { get; set; } = new();

    public static string JoinTags(IEnumerable<string> tags) =>
        tags.Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal) is var list && list.Any()
            ? "|" + string.Join("|", list) + "|"
            : "";

    public static IReadOnlyList<string> SplitTags(string tags) => tags.Split('|', StringSplitOptions.RemoveEmptyEntries);
}

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> b)
    {
        b.Property(c => c.Name).HasMaxLength(200);
        b.Property(c => c.MatchKey).HasMaxLength(200);
        b.Property(c => c.CreditCode).HasMaxLength(18);
        b.Property(c => c.Industry).HasMaxLength(100);
        b.Property(c => c.Province).HasMaxLength(50);
        b.Property(c => c.City).HasMaxLength(50);
        b.Property(c => c.Address).HasMaxLength(300);
        b.Property(c => c.Phone).HasMaxLength(40);
        b.Property(c => c.Tags).HasMaxLength(500);
        b.Property(c => c.ExternalId).HasMaxLength(100);
        b.HasIndex(c => c.CreditCode).IsUnique();
        b.HasIndex(c => c.ExternalId).IsUnique();
        b.HasIndex(c => c.MatchKey);
        b.HasIndex(c => new { c.OwnerId, c.Name });
        b.HasIndex(c => c.DealerId);
        b.HasIndex(c => c.Name);
        b.HasIndex(c => c.Phone);
        b.HasIndex(c => new { c.Province, c.City });
    }
}
