using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Steadfast.Platform.CustomFields;
using Steadfast.Platform.Data;

namespace Steadfast.Automation.Rules;

/// <summary>
/// An automation rule (触发器+条件+动作) set up by operations: when something happens to a record and the conditions hold,
/// the actions run. Every save is a new revision, kept; the run log names the revision that fired.
/// </summary>
[RecordType("rule")]
internal sealed class Rule : IVersioned, IAudited
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";

    /// <summary>The watched record type (<see cref="Platform.Automation.AutomationRecordType.Name"/>); empty for a schedule.</summary>
    public string RecordType { get; set; } = "";

    /// <summary>The trigger kind, copied out of the definition so the save hook can pick rules without parsing JSON.</summary>
    public TriggerKind TriggerKind { get; set; }
    public string Definition { get; set; } = "{}";
    public bool Enabled { get; set; }
    public Guid OwnerId { get; set; }

    /// <summary>The ship template it came from, if any.</summary>
    public string? Template { get; set; }
    public int Revision { get; set; } = 1;
    public DateTime CreatedAtUtc { get; set; }
    public DateTime UpdatedAtUtc { get; set; }

    /// <summary>When the rule was last switched on: a time trigger fires for dates after it, never for the past.</summary>
    public DateTime? EnabledAtUtc { get; set; }
    public long Version { get; set; } = 1;
}

/// <summary>A rule as it was saved at one revision.</summary>
internal sealed class RuleRevision
{
    public Guid Id { get; set; }
    public Guid RuleId { get; set; }
    public int Revision { get; set; }
    public string Name { get; set; } = "";
    public string Definition { get; set; } = "{}";
    public bool Enabled { get; set; }
    public Guid? SavedById { get; set; }
    public string SavedByName { get; set; } = "";
    public DateTime SavedAtUtc { get; set; }
}

internal sealed class RuleConfiguration : IEntityTypeConfiguration<Rule>, IEntityTypeConfiguration<RuleRevision>
{
    public void Configure(EntityTypeBuilder<Rule> b)
    {
        b.Property(r => r.Name).HasMaxLength(200);
        b.Property(r => r.Description).HasMaxLength(2000);
        b.Property(r => r.RecordType).HasMaxLength(50);
        b.Property(r => r.Definition).HasMaxLength(20000);
        b.Property(r => r.Template).HasMaxLength(50);
        b.HasIndex(r => new { r.Enabled, r.RecordType });
    }

    public void Configure(EntityTypeBuilder<RuleRevision> b)
    {
        b.Property(r => r.Name).HasMaxLength(200);
        b.Property(r => r.Definition).HasMaxLength(20000);
        b.Property(r => r.SavedByName).HasMaxLength(200);
        b.HasIndex(r => new { r.RuleId, r.Revision }).IsUnique();
    }
}
