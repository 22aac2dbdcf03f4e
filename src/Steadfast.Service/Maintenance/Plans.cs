using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Steadfast.Platform.CustomFields;
using Steadfast.Platform.Data;

namespace Steadfast.Service.Maintenance;

/// <summary>A product model's maintenance plan (保养计划模板): the tasks every machine of the model gets.</summary>
[RecordType("maintenancetemplate")]
internal sealed class MaintenanceTemplate : IVersioned, IAudited
{
    public Guid Id { get; set; }
    public Guid ProductId { get; set; }
    public string Notes { get; set; } = "";
    public long Version { get; set; } = 1;
}

[RecordType("maintenancetemplatetask")]
internal sealed class TemplateTask : TaskSpec, IAudited
{
    public Guid Id { get; set; }
    public Guid TemplateId { get; set; }
    public int Position { get; set; }
}

/// <summary>One machine's plan: made from its model's template, then its own to adjust.</summary>
[RecordType("maintenanceplan")]
internal sealed class MachinePlan : IVersioned, IAudited
{
    public Guid Id { get; set; }
    public Guid MachineId { get; set; }
    public Guid ProductId { get; set; }
    public Guid CustomerId { get; set; }
    public Guid? TemplateId { get; set; }
    public bool Active { get; set; } = true;

    // The running-hours rate from the machine's recent readings (least squares), kept so that due dates by hours are read, not
    // worked out, when a month of due visits is listed.
    public double? HoursPerDay { get; set; }
    public int RateReadings { get; set; }
    public double? LastHours { get; set; }
    public DateOnly? LastReadOn { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public long Version { get; set; } = 1;
}

/// <summary>A task of a machine's plan with where it stands: when it was last done, when it is due next.</summary>
[RecordType("maintenancetask")]
internal sealed class PlanTask : TaskSpec, IVersioned, IAudited
{
    public Guid Id { get; set; }
    public Guid PlanId { get; set; }
    public Guid MachineId { get; set; }
    public Guid CustomerId { get; set; }
    public Guid? TemplateTaskId { get; set; }
    public int Position { get; set; }

    /// <summary>Where the intervals count from until the task is first done: installation (0 h), or the day the plan began.</summary>
    public DateOnly BaseOn { get; set; }
    public double BaseHours { get; set; }
    public DateOnly? LastDoneOn { get; set; }
    public double? LastDoneHours { get; set; }

    /// <summary>The expected due date (by hours through the machine's rate); null when neither interval gives a date yet.</summary>
    public DateOnly? NextDueOn { get; set; }
    public double? NextDueHours { get; set; }
    public DueBasis DueBy { get; set; }

    /// <summary>The preventive order that will do it; one at a time, so a due task is never scheduled twice.</summary>
    public Guid? OpenWorkOrderId { get; set; }
    public bool Active { get; set; } = true;
    public long Version { get; set; } = 1;
}

internal sealed class PlanConfiguration
    : IEntityTypeConfiguration<MaintenanceTemplate>,
        IEntityTypeConfiguration<TemplateTask>,
        IEntityTypeConfiguration<MachinePlan>,
        IEntityTypeConfiguration<PlanTask>
{
    public void Configure(EntityTypeBuilder<MaintenanceTemplate> b)
    {
        b.Property(x => x.Notes).HasMaxLength(2000);
        b.HasIndex(x => x.ProductId).IsUnique();
    }

    public void Configure(EntityTypeBuilder<TemplateTask> b)
    {
        TaskSpec.Configure(b);
        b.HasOne<MaintenanceTemplate>().WithMany().HasForeignKey(x => x.TemplateId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.TemplateId, x.Position });
    }

    public void Configure(EntityTypeBuilder<MachinePlan> b)
    {
        b.HasIndex(x => x.MachineId).IsUnique();
        b.HasIndex(x => new { x.CustomerId, x.MachineId });
        b.HasIndex(x => x.ProductId);
    }

    public void Configure(EntityTypeBuilder<PlanTask> b)
    {
        TaskSpec.Configure(b);
        b.HasOne<MachinePlan>().WithMany().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.PlanId, x.Position });
        b.HasIndex(x => new { x.MachineId, x.NextDueOn });
        // The due list and the generator: the next weeks' tasks are a range of this index, however many machines there are.
        b.HasIndex(x => new
        {
            x.NextDueOn,
            x.Active,
            x.OpenWorkOrderId,
            x.CustomerId,
            x.MachineId,
        });
        b.HasIndex(x => x.OpenWorkOrderId);
    }
}
