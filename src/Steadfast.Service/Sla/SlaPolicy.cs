using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Steadfast.Platform.CustomFields;
using Steadfast.Platform.Data;
using Steadfast.Service.WorkOrders;

namespace Steadfast.Service.Sla;

public enum SlaTarget
{
    FirstResponse = 0,
    Arrival = 1,
    Resolution = 2,
}

/// <summary>Business hours follow the company calendar; calendar hours run day and night (stopped production).</summary>
public enum SlaClock
{
    BusinessHours = 0,
    CalendarHours = 1,
}

/// <summary>
/// Response, arrival and resolution targets for orders of one severity (and optionally one customer
/// tier). The most specific active policy wins: severity + tier before severity alone.
/// </summary>
[RecordType("slapolicy")]
internal sealed class SlaPolicy : IVersioned, IAudited, IConfigRecord
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public Severity Severity { get; set; }

    /// <summary>Customer tier (0 normal, 1 key, 2 strategic), or null for every tier.</summary>
    public int? CustomerTier { get; set; }

    /// <summary>A service contract's level (GOLD): the policy then applies only to orders covered at that level; "" for all.</summary>
    public string ServiceLevel { get; set; } = "";
    public SlaClock Clock { get; set; }
    public int FirstResponseMinutes { get; set; }
    public int ArrivalMinutes { get; set; }
    public int ResolutionMinutes { get; set; }
    public bool PauseWhileWaitingForParts { get; set; } = true;
    public int WarnAtPercent { get; set; } = 80;

    /// <summary>How long after a breach, still unmet, it goes to the second level.</summary>
    public int SecondEscalationMinutes { get; set; } = 240;
    public bool IsActive { get; set; } = true;
    public long Version { get; set; } = 1;
}

internal sealed class SlaConfiguration : IEntityTypeConfiguration<SlaPolicy>, IEntityTypeConfiguration<SlaBreach>
{
    public void Configure(EntityTypeBuilder<SlaPolicy> b)
    {
        b.Property(p => p.Name).HasMaxLength(100);
        b.Property(p => p.ServiceLevel).HasMaxLength(30);
    }

    public void Configure(EntityTypeBuilder<SlaBreach> b)
    {
        b.ToTable("SlaBreaches");
        b.HasOne<WorkOrder>().WithMany().HasForeignKey(x => x.WorkOrderId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.WorkOrderId, x.Target }).IsUnique();
        b.HasIndex(x => x.BreachedAtUtc);
    }
}
