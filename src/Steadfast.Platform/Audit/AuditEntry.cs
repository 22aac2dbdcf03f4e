using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Steadfast.Platform.Audit;

public enum AuditAction
{
    Created = 0,
    Updated = 1,
    Deleted = 2,
}

/// <summary>One change of one business record. Append-only: the interceptor refuses to update or delete it.</summary>
public class AuditEntry
{
    public Guid Id { get; set; }
    public DateTime AtUtc { get; set; }
    public Guid? UserId { get; set; }
    public string UserName { get; set; } = "";
    public string EntityType { get; set; } = "";
    public string EntityId { get; set; } = "";
    public AuditAction Action { get; set; }

    /// <summary>JSON array of <c>{ field, old, new }</c>.</summary>
    public string Changes { get; set; } = "[]";
}

/// <summary>One field's change as the API shows it.</summary>
public sealed record FieldChange(string Field, string? Old, string? New);

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.Property(a => a.UserName).HasMaxLength(256);
        b.Property(a => a.EntityType).HasMaxLength(100);
        b.Property(a => a.EntityId).HasMaxLength(100);
        b.HasIndex(a => new
        {
            a.EntityType,
            a.EntityId,
            a.AtUtc,
        });
        b.HasIndex(a => a.AtUtc);
        b.HasIndex(a => a.UserId);
    }
}
