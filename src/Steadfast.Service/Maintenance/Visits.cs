using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Steadfast.Platform.CustomFields;
using Steadfast.Platform.Data;
using Steadfast.Service.WorkOrders;

namespace Steadfast.Service.Maintenance;

public enum VisitStatus
{
    /// <summary>Proposed to the customer, not yet answered.</summary>
    Proposed = 0,
    Confirmed = 1,

    /// <summary>The customer asked for another date; the desk moves it.</summary>
    NewDateAsked = 2,
    Done = 3,
    Cancelled = 4,
}

public enum ItemOutcome
{
    Open = 0,
    Done = 1,
    Skipped = 2,
}

/// <summary>
/// A preventive visit (保养上门): one work order at one customer site on one date, covering every due task of the machines there.
/// The date is proposed to the customer, who confirms it or asks for another.
/// </summary>
[RecordType("maintenancevisit")]
internal sealed class MaintenanceVisit : IVersioned, IAudited
{
    /// <summary>The work order's id: a visit is that order's maintenance side.</summary>
    public Guid Id { get; set; }
    public Guid CustomerId { get; set; }
    public string Site { get; set; } = "";
    public DateOnly ProposedOn { get; set; }
    public VisitStatus Status { get; set; }
    public DateOnly? AskedOn { get; set; }
    public string AskedNote { get; set; } = "";
    public DateTime? AnsweredAtUtc { get; set; }
    public long Version { get; set; } = 1;
}

/// <summary>One task of one machine done on a visit, with the checklist it had that day.</summary>
internal sealed class VisitItem : IAudited
{
    public Guid Id { get; set; }
    public Guid WorkOrderId { get; set; }
    public Guid PlanTaskId { get; set; }
    public Guid MachineId { get; set; }
    public Guid CustomerId { get; set; }

    // Copied from the order so the dashboard's coverage groups by region and product line without joins.
    public string Region { get; set; } = "";
    public string ProductCategory { get; set; } = "";
    public string Name { get; set; } = "";
    public DateOnly DueOn { get; set; }
    public DueBasis DueBy { get; set; }
    public List<CheckItem> Checklist { get; set; } = [];
    public List<TaskPart> Parts { get; set; } = [];
    public ItemOutcome Outcome { get; set; }
    public DateOnly? DoneOn { get; set; }

    /// <summary>Done by its due date (the on-time rate).</summary>
    public bool? OnTime { get; set; }
}

/// <summary>The answer to one checklist item; an out-of-limits or failed one may open a corrective order.</summary>
internal sealed class CheckAnswer : IAudited
{
    public Guid Id { get; set; }
    public Guid VisitItemId { get; set; }
    public Guid WorkOrderId { get; set; }
    public string Key { get; set; } = "";
    public bool? Passed { get; set; }
    public double? Value { get; set; }

    /// <summary>Failed, or measured outside the limits: a finding.</summary>
    public bool Finding { get; set; }
    public Guid? PhotoId { get; set; }
    public string Note { get; set; } = "";
    public Guid? CorrectiveOrderId { get; set; }
    public DateTime AnsweredAtUtc { get; set; }
    public Guid? AnsweredById { get; set; }
}

internal sealed class MaintenanceVisitConfiguration
    : IEntityTypeConfiguration<MaintenanceVisit>,
        IEntityTypeConfiguration<VisitItem>,
        IEntityTypeConfiguration<CheckAnswer>
{
    public void Configure(EntityTypeBuilder<MaintenanceVisit> b)
    {
        b.Property(x => x.Site).HasMaxLength(300);
        b.Property(x => x.AskedNote).HasMaxLength(500);
        b.HasOne<WorkOrder>().WithOne().HasForeignKey<MaintenanceVisit>(x => x.Id).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.CustomerId, x.ProposedOn });
        b.HasIndex(x => new { x.Status, x.ProposedOn });
    }

    public void Configure(EntityTypeBuilder<VisitItem> b)
    {
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.Region).HasMaxLength(50);
        b.Property(x => x.ProductCategory).HasMaxLength(100);
        TaskSpec.Json(b.Property(x => x.Checklist)).HasMaxLength(20_000);
        TaskSpec.Json(b.Property(x => x.Parts)).HasMaxLength(4_000);
        b.HasOne<WorkOrder>().WithMany().HasForeignKey(x => x.WorkOrderId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<PlanTask>().WithMany().HasForeignKey(x => x.PlanTaskId).OnDelete(DeleteBehavior.Cascade);
        // A task is on one open visit at most, whichever node or run gets there first (done and skipped ones are its history).
        b.HasIndex(x => x.PlanTaskId).IsUnique().HasFilter("\"Outcome\" = 0").HasDatabaseName("IX_VisitItems_OpenTask");
        b.HasIndex(x => new { x.PlanTaskId, x.DueOn });
        b.HasIndex(x => x.WorkOrderId);
        b.HasIndex(x => new
        {
            x.DueOn,
            x.Outcome,
            x.OnTime,
        });
    }

    public void Configure(EntityTypeBuilder<CheckAnswer> b)
    {
        b.Property(x => x.Key).HasMaxLength(20);
        b.Property(x => x.Note).HasMaxLength(1000);
        b.HasOne<VisitItem>().WithMany().HasForeignKey(x => x.VisitItemId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.VisitItemId, x.Key }).IsUnique();
        b.HasIndex(x => new { x.WorkOrderId, x.Finding });
    }
}
