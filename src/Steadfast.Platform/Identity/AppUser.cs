using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Steadfast.Platform.CustomFields;
using Steadfast.Platform.Data;

namespace Steadfast.Platform.Identity;

[RecordType("user")]
public class AppUser : IdentityUser<Guid>, IVersioned, IAudited, IHasCustomFields
{
    public string DisplayName { get; set; } = "";
    public bool IsActive { get; set; } = true;
    public Guid? TeamId { get; set; }

    /// <summary>Set for users of the Customer role: the one customer they belong to.</summary>
    public Guid? CustomerId { get; set; }

    /// <summary>Set for users of the Dealer role: the one dealer they belong to.</summary>
    public Guid? DealerId { get; set; }

    /// <summary>zh-CN or en; null follows the browser.</summary>
    public string? Culture { get; set; }

    /// <summary>The morning summary of what waits (bell and mail); each user may switch it off.</summary>
    public bool DailyDigest { get; set; } = true;
    public DateTime CreatedAtUtc { get; set; }
    public long Version { get; set; } = 1;
    public CustomFieldValues CustomFields { get; set; } = new();
}

public class AppRole : IdentityRole<Guid>
{
    public AppRole() { }

    public AppRole(string name)
        : base(name) => NormalizedName = name.ToUpperInvariant();
}

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> b)
    {
        b.Property(u => u.DisplayName).HasMaxLength(100);
        b.Property(u => u.Culture).HasMaxLength(10);
        b.HasIndex(u => u.TeamId);
        b.HasOne<Company.Team>().WithMany().HasForeignKey(u => u.TeamId).OnDelete(DeleteBehavior.SetNull);
    }
}
