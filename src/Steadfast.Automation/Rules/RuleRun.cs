using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Steadfast.Automation.Rules;

public enum RunOutcome
{
    Done = 0,
    Failed = 1,

    /// <summary>A chain of rules went deeper than the limit and was stopped here.</summary>
    LoopStopped = 2,
}

/// <summary>
/// One firing of a rule: the record, the values its conditions saw, the actions taken and how each went. The pair
/// (rule, event) is unique, which is what makes a retried or twice-claimed event run a rule's actions once.
/// </summary>
internal sealed class RuleRun
{
    public Guid Id { get; set; }
    public Guid RuleId { get; set; }
    public int Revision { get; set; }

    /// <summary>What fired it: an outbox message id, or the time trigger's record and date, or the schedule's day.</summary>
    public string EventKey { get; set; } = "";
    public string RecordType { get; set; } = "";
    public Guid? RecordId { get; set; }
    public string RecordTitle { get; set; } = "";
    public DateTime AtUtc { get; set; }
    public RunOutcome Outcome { get; set; }

    /// <summary>JSON: [{field, value}] as the conditions saw them.</summary>
    public string Values { get; set; } = "[]";

    /// <summary>JSON: [{kind, detail}] what each action did.</summary>
    public string Actions { get; set; } = "[]";
    public string? Error { get; set; }
    public int Attempts { get; set; }
    public int Depth { get; set; }
}

internal sealed class RuleRunConfiguration : IEntityTypeConfiguration<RuleRun>
{
    public void Configure(EntityTypeBuilder<RuleRun> b)
    {
        b.Property(r => r.EventKey).HasMaxLength(200);
        b.Property(r => r.RecordType).HasMaxLength(50);
        b.Property(r => r.RecordTitle).HasMaxLength(200);
        b.Property(r => r.Values).HasMaxLength(8000);
        b.Property(r => r.Actions).HasMaxLength(8000);
        b.Property(r => r.Error).HasMaxLength(2000);
        b.HasIndex(r => new { r.RuleId, r.EventKey }).IsUnique();
        b.HasIndex(r => new { r.RuleId, r.AtUtc });
    }
}
