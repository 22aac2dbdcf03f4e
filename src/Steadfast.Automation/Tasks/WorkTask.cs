using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Steadfast.Platform.CustomFields;
using Steadfast.Platform.Data;

namespace Steadfast.Automation.Tasks;

public enum TaskStatus
{
    Open = 0,
    Done = 1,
    Cancelled = 2,
}

public enum TaskPriority
{
    Low = 0,
    Normal = 1,
    High = 2,
    Urgent = 3,
}

/// <summary>
/// A task (待办): somebody must do something about a record, by a time. Assigned to a user, or to a role's pool until
/// someone in it takes it. Made by hand or by a rule.
/// </summary>
[RecordType("task")]
internal sealed class WorkTask : IVersioned, IAudited
{
    public Guid Id { get; set; }
    public string Title { get; set; } = "";
    public string Description { get; set; } = "";

    /// <summary>The record it is about: its type name and id (a customer, a machine, a work order...).</summary>
    public string? RecordType { get; set; }
    public Guid? RecordId { get; set; }
    public string RecordTitle { get; set; } = "";
    public Guid? AssigneeId { get; set; }

    /// <summary>A role whose members may take the task while it has no assignee.</summary>
    public string? PoolRole { get; set; }
    public DateTime? DueAtUtc { get; set; }
    public TaskPriority Priority { get; set; } = TaskPriority.Normal;
    public TaskStatus Status { get; set; }
    public string Outcome { get; set; } = "";
    public Guid? CreatedById { get; set; }
    public string CreatedByName { get; set; } = "";

    /// <summary>The rule that made it, if one did.</summary>
    public Guid? RuleId { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? CompletedAtUtc { get; set; }

    /// <summary>Minutes from creation to done or cancelled, kept so the process monitor can rank them in the database.</summary>
    public int? MinutesOpen { get; set; }
    public long Version { get; set; } = 1;
}

internal sealed class WorkTaskConfiguration : IEntityTypeConfiguration<WorkTask>
{
    public void Configure(EntityTypeBuilder<WorkTask> b)
    {
        b.ToTable("Tasks");
        b.Property(t => t.Title).HasMaxLength(300);
        b.Property(t => t.Description).HasMaxLength(4000);
        b.Property(t => t.RecordType).HasMaxLength(50);
        b.Property(t => t.RecordTitle).HasMaxLength(200);
        b.Property(t => t.PoolRole).HasMaxLength(50);
        b.Property(t => t.Outcome).HasMaxLength(2000);
        b.Property(t => t.CreatedByName).HasMaxLength(200);
        b.HasIndex(t => new
        {
            t.AssigneeId,
            t.Status,
            t.DueAtUtc,
        });
        b.HasIndex(t => new
        {
            t.PoolRole,
            t.Status,
            t.DueAtUtc,
        });
        b.HasIndex(t => new { t.RecordId, t.Status });
        b.HasIndex(t => new
        {
            t.RuleId,
            t.Status,
            t.CompletedAtUtc,
        });
    }
}
