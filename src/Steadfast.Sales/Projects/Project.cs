using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Steadfast.Platform.CustomFields;
using Steadfast.Platform.Data;

namespace Steadfast.Sales.Projects;

public enum ProjectStatus
{
    Active = 0,
    Completed = 1,
    Cancelled = 2,
}

/// <summary>
/// A kind of custom order's road (非标项目模板): its stages in order, each with a planned length and the files it must
/// leave behind. A project copies its template when it starts, so editing a template changes new projects only.
/// </summary>
internal sealed class ProjectTemplate : IVersioned, IAudited
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public bool IsDefault { get; set; }
    public bool Active { get; set; } = true;
    public long Version { get; set; } = 1;
    public List<ProjectTemplateStage> Stages { get; set; } = [];
}

internal sealed class ProjectTemplateStage
{
    public Guid Id { get; set; }
    public Guid TemplateId { get; set; }
    public int Position { get; set; }
    public string Name { get; set; } = "";

    /// <summary>Planned calendar days.</summary>
    public int Days { get; set; }

    /// <summary>The required deliverables' names as "|a|b|".</summary>
    public string Deliverables { get; set; } = "";
}

/// <summary>
/// A custom-order project (非标项目) for a sales order or an opportunity: stages with owners, planned and actual dates and
/// required deliverables. The current stage is kept on the project so the board and the overdue list need no join.
/// </summary>
[RecordType(RecordTypeName)]
internal sealed class Project : IVersioned, IAudited
{
    public const string RecordTypeName = Public.SalesRecords.Project;
    public Guid Id { get; set; }
    public string Number { get; set; } = "";
    public string Name { get; set; } = "";
    public Guid CustomerId { get; set; }
    public string CustomerName { get; set; } = "";
    public Guid? SalesOrderId { get; set; }
    public Guid? OpportunityId { get; set; }
    public string TemplateName { get; set; } = "";
    public Guid? OwnerId { get; set; }
    public ProjectStatus Status { get; set; }
    public int StageCount { get; set; }

    /// <summary>Position of the stage being worked (0-based); equals StageCount once all are done.</summary>
    public int CurrentPosition { get; set; }
    public string CurrentStageName { get; set; } = "";
    public DateOnly? CurrentStageDueOn { get; set; }
    public DateOnly StartedOn { get; set; }
    public DateOnly PlannedEndOn { get; set; }
    public DateOnly? CompletedOn { get; set; }

    /// <summary>Calendar days from start to the last stage's completion, kept so the KPI averages in the database.</summary>
    public int? CycleDays { get; set; }
    public string Notes { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
    public long Version { get; set; } = 1;
    public List<ProjectStage> Stages { get; set; } = [];
}

[RecordType("projectstage")]
internal sealed class ProjectStage : IVersioned, IAudited
{
    public Guid Id { get; set; }
    public Guid ProjectId { get; set; }
    public int Position { get; set; }
    public string Name { get; set; } = "";
    public Guid? OwnerId { get; set; }
    public DateOnly PlannedStartOn { get; set; }
    public DateOnly PlannedEndOn { get; set; }

    /// <summary>Calendar days planned, kept beside the dates for the time-per-stage KPI.</summary>
    public int PlannedDays { get; set; }
    public DateOnly? StartedOn { get; set; }
    public DateOnly? CompletedOn { get; set; }

    /// <summary>Calendar days the stage took, kept for the time-per-stage KPI.</summary>
    public int? Days { get; set; }
    public string Note { get; set; } = "";
    public long Version { get; set; } = 1;
    public List<ProjectDeliverable> Deliverables { get; set; } = [];
}

/// <summary>A file a stage must leave behind (a drawing, the test report); the stage cannot complete while one has none.</summary>
internal sealed class ProjectDeliverable : IAudited
{
    public Guid Id { get; set; }
    public Guid StageId { get; set; }
    public int Position { get; set; }
    public string Name { get; set; } = "";

    /// <summary>The platform attachment (record type "projectstage", the stage's id) that fulfils it.</summary>
    public Guid? AttachmentId { get; set; }
    public string FileName { get; set; } = "";
    public DateTime? UploadedAtUtc { get; set; }
}

internal sealed class ProjectTemplateConfiguration : IEntityTypeConfiguration<ProjectTemplate>
{
    public void Configure(EntityTypeBuilder<ProjectTemplate> b)
    {
        b.Property(t => t.Name).HasMaxLength(100);
        b.HasIndex(t => t.Name).IsUnique();
        b.HasMany(t => t.Stages).WithOne().HasForeignKey(s => s.TemplateId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ProjectTemplateStageConfiguration : IEntityTypeConfiguration<ProjectTemplateStage>
{
    public void Configure(EntityTypeBuilder<ProjectTemplateStage> b)
    {
        b.Property(s => s.Name).HasMaxLength(60);
        b.Property(s => s.Deliverables).HasMaxLength(1000);
        b.HasIndex(s => new { s.TemplateId, s.Position });
    }
}

internal sealed class ProjectConfiguration : IEntityTypeConfiguration<Project>
{
    public void Configure(EntityTypeBuilder<Project> b)
    {
        b.Property(p => p.Number).HasMaxLength(30);
        b.Property(p => p.Name).HasMaxLength(200);
        b.Property(p => p.CustomerName).HasMaxLength(200);
        b.Property(p => p.TemplateName).HasMaxLength(100);
        b.Property(p => p.CurrentStageName).HasMaxLength(60);
        b.Property(p => p.Notes).HasMaxLength(2000);
        b.HasIndex(p => p.Number).IsUnique();
        b.HasIndex(p => new
        {
            p.Status,
            p.CurrentStageName,
            p.CurrentStageDueOn,
        });
        b.HasIndex(p => new { p.CustomerId, p.StartedOn });
        b.HasIndex(p => p.SalesOrderId);
        b.HasIndex(p => p.OpportunityId);
        b.HasIndex(p => new { p.Status, p.CompletedOn });
        b.HasMany(p => p.Stages).WithOne().HasForeignKey(s => s.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ProjectStageConfiguration : IEntityTypeConfiguration<ProjectStage>
{
    public void Configure(EntityTypeBuilder<ProjectStage> b)
    {
        b.Property(s => s.Name).HasMaxLength(60);
        b.Property(s => s.Note).HasMaxLength(2000);
        b.HasIndex(s => new { s.ProjectId, s.Position });
        b.HasIndex(s => new { s.Name, s.CompletedOn });
        b.HasMany(s => s.Deliverables).WithOne().HasForeignKey(d => d.StageId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ProjectDeliverableConfiguration : IEntityTypeConfiguration<ProjectDeliverable>
{
    public void Configure(EntityTypeBuilder<ProjectDeliverable> b)
    {
        b.Property(d => d.Name).HasMaxLength(100);
        b.Property(d => d.FileName).HasMaxLength(260);
        b.HasIndex(d => new { d.StageId, d.Position });
    }
}
