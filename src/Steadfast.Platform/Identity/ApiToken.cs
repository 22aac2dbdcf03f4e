using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Steadfast.Platform.Data;

namespace Steadfast.Platform.Identity;

public enum ApiTokenKind
{
    Session = 0,
    Personal = 1,
}

/// <summary>A bearer token. Only its SHA-256 hash is stored, so a database leak reveals no usable token.</summary>
public class ApiToken : IAudited
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public string Name { get; set; } = "";
    public string TokenHash { get; set; } = "";

    /// <summary>The first characters, shown in lists so a user can tell tokens apart.</summary>
    public string Prefix { get; set; } = "";
    public ApiTokenKind Kind { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? ExpiresAtUtc { get; set; }
    public DateTime? RevokedAtUtc { get; set; }

    /// <summary>Null: the user's own rights. Otherwise one of <see cref="ApiScopes"/>, and nothing else.</summary>
    public string? Scope { get; set; }
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> b)
    {
        b.Property(t => t.Name).HasMaxLength(100);
        b.Property(t => t.TokenHash).HasMaxLength(64);
        b.Property(t => t.Prefix).HasMaxLength(12);
        b.Property(t => t.Scope).HasMaxLength(50);
        b.HasIndex(t => t.TokenHash).IsUnique();
        b.HasIndex(t => new { t.UserId, t.Kind });
        b.HasOne<AppUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
