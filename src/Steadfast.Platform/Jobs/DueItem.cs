using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Steadfast.Platform.Jobs;

/// <summary>
/// Work to do at a time: an SLA warning, a reminder, a plan's next run. The ticker claims due rows
/// so that two app nodes never run the same item.
/// </summary>
public class DueItem : IClaimable
{
    public Guid Id { get; set; }
    public string Kind { get; set; } = "";

    /// <summary>The record it concerns, so a later change can cancel or move it.</summary>
    public string SubjectId { get; set; } = "";
    public string Payload { get; set; } = "{}";
    public DateTime DueAtUtc { get; set; }
    public DateTime AvailableAtUtc { get; set; }
    public int Attempts { get; set; }
    public string? LockedBy { get; set; }
    public DateTime? LockedUntilUtc { get; set; }
    public DateTime? ProcessedAtUtc { get; set; }
    public DateTime? CancelledAtUtc { get; set; }
    public string? LastError { get; set; }
}

internal sealed class DueItemConfiguration : IEntityTypeConfiguration<DueItem>
{
    public void Configure(EntityTypeBuilder<DueItem> b)
    {
        b.Property(m => m.Kind).HasMaxLength(100);
        b.Property(m => m.SubjectId).HasMaxLength(100);
        b.Property(m => m.LockedBy).HasMaxLength(100);
        b.Property(m => m.LastError).HasMaxLength(2000);
        b.HasIndex(m => new { m.ProcessedAtUtc, m.AvailableAtUtc });
        b.HasIndex(m => new { m.Kind, m.SubjectId });
    }
}
