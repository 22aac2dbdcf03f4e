using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Steadfast.Platform.Data;
using Steadfast.Service.WorkOrders;

namespace Steadfast.Service.Surveys;

/// <summary>The customer's answer after a closed order: CSAT 1–5, NPS 0–10. One per order.</summary>
internal sealed class Survey : IAudited
{
    public Guid Id { get; set; }
    public Guid WorkOrderId { get; set; }

    // The order's customer and machine, copied so the customer's and the machine's timelines read their surveys from an index.
    public Guid CustomerId { get; set; }
    public Guid? MachineId { get; set; }
    public int Csat { get; set; }
    public int Nps { get; set; }
    public string Comment { get; set; } = "";
    public DateTime AnsweredAtUtc { get; set; }
}

public enum CallbackOutcome
{
    Pending = 0,
    Satisfied = 1,
    Unsatisfied = 2,
    Unreachable = 3,
}

internal sealed class SurveyConfiguration : IEntityTypeConfiguration<Survey>, IEntityTypeConfiguration<CallbackTask>
{
    public void Configure(EntityTypeBuilder<Survey> b)
    {
        b.ToTable("Surveys");
        b.Property(s => s.Comment).HasMaxLength(2000);
        b.HasOne<WorkOrder>().WithMany().HasForeignKey(s => s.WorkOrderId).OnDelete(DeleteBehavior.Cascade);
        // The unique index is what makes "answered twice" impossible, even for two tabs at once.
        b.HasIndex(s => s.WorkOrderId).IsUnique();
        b.HasIndex(s => new { s.CustomerId, s.AnsweredAtUtc });
        b.HasIndex(s => new { s.MachineId, s.AnsweredAtUtc });
    }

    public void Configure(EntityTypeBuilder<CallbackTask> b)
    {
        b.Property(c => c.Note).HasMaxLength(2000);
        b.HasOne<WorkOrder>().WithMany().HasForeignKey(c => c.WorkOrderId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(c => new { c.DoneAtUtc, c.DueAtUtc });
        b.HasIndex(c => new { c.CustomerId, c.DoneAtUtc });
        b.HasIndex(c => new { c.MachineId, c.DoneAtUtc });
    }
}
