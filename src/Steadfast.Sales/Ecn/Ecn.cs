using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Steadfast.Platform.CustomFields;
using Steadfast.Platform.Data;

namespace Steadfast.Sales.Ecn;

public enum EcnStatus
{
    Draft = 0,
    Published = 1,
}

public enum ImpactKind
{
    SalesOrder = 0,
    Opportunity = 1,
    Project = 2,
    Machine = 3,
    WorkOrder = 4,
}

/// <summary>What a customer answered about a change to their order.</summary>
public enum EcnOutcome
{
    Accepted = 0,
    Rejected = 1,
    Discuss = 2,
}

/// <summary>
/// An engineering change notice (工程变更, ECN): what changes on which models or parts, from when. Publishing it finds, in
/// one transaction, every open order, opportunity, project, machine and open work order it touches, and asks each
/// affected customer's account manager to confirm the change with them.
/// </summary>
[RecordType(RecordTypeName)]
internal sealed class Ecn : IVersioned, IAudited
{
    public const string RecordTypeName = Public.SalesRecords.Ecn;
    public Guid Id { get; set; }
    public string Number { get; set; } = "";
    public string Title { get; set; } = "";
    public string Description { get; set; } = "";

    /// <summary>Affected product models' ids as "|id|id|".</summary>
    public string ProductIds { get; set; } = "";

    /// <summary>Affected part numbers as "|a|b|".</summary>
    public string PartNumbers { get; set; } = "";
    public string? SerialFrom { get; set; }
    public string? SerialTo { get; set; }
    public DateOnly? BuiltFrom { get; set; }
    public DateOnly? BuiltTo { get; set; }
    public DateOnly EffectiveOn { get; set; }
    public EcnStatus Status { get; set; }
    public Guid? CreatedById { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public Guid? PublishedById { get; set; }
    public DateTime? PublishedAtUtc { get; set; }

    /// <summary>When the customers' answers are due (publication + 24 h).</summary>
    public DateTime? ConfirmDueAtUtc { get; set; }
    public int Orders { get; set; }
    public int Opportunities { get; set; }
    public int Projects { get; set; }
    public int Machines { get; set; }
    public int WorkOrders { get; set; }
    public int Customers { get; set; }
    public long Version { get; set; } = 1;
}

/// <summary>One record an ECN touched when published. Orders, opportunities and projects carry the customer's answer.</summary>
internal sealed class EcnImpact : IAudited
{
    public Guid Id { get; set; }
    public Guid EcnId { get; set; }
    public ImpactKind Kind { get; set; }
    public Guid RecordId { get; set; }
    public string Label { get; set; } = "";
    public Guid CustomerId { get; set; }
    public EcnOutcome? Outcome { get; set; }
}

/// <summary>One affected customer's confirmation: the account manager's task, its due time and what the customer said.</summary>
internal sealed class EcnConfirmation : IVersioned, IAudited
{
    public Guid Id { get; set; }
    public Guid EcnId { get; set; }
    public Guid CustomerId { get; set; }
    public string CustomerName { get; set; } = "";
    public Guid? AccountManagerId { get; set; }
    public Guid? TaskId { get; set; }
    public DateTime DueAtUtc { get; set; }

    /// <summary>The customer's answer for the whole change (each order's own answer is on its impact row).</summary>
    public EcnOutcome? Outcome { get; set; }
    public string Note { get; set; } = "";
    public DateTime? ConfirmedAtUtc { get; set; }
    public Guid? ConfirmedById { get; set; }
    public DateTime? EscalatedAtUtc { get; set; }
    public long Version { get; set; } = 1;
}

internal sealed class EcnConfiguration : IEntityTypeConfiguration<Ecn>
{
    public void Configure(EntityTypeBuilder<Ecn> b)
    {
        b.ToTable("Ecns");
        b.Property(e => e.Number).HasMaxLength(40);
        b.Property(e => e.Title).HasMaxLength(200);
        b.Property(e => e.Description).HasMaxLength(4000);
        b.Property(e => e.ProductIds).HasMaxLength(4000);
        b.Property(e => e.PartNumbers).HasMaxLength(2000);
        b.Property(e => e.SerialFrom).HasMaxLength(60);
        b.Property(e => e.SerialTo).HasMaxLength(60);
        b.HasIndex(e => e.Number).IsUnique();
        b.HasIndex(e => new { e.Status, e.CreatedAtUtc });
    }
}

internal sealed class EcnImpactConfiguration : IEntityTypeConfiguration<EcnImpact>
{
    public void Configure(EntityTypeBuilder<EcnImpact> b)
    {
        b.Property(i => i.Label).HasMaxLength(200);
        b.HasIndex(i => new
        {
            i.EcnId,
            i.Kind,
            i.CustomerId,
        });
        b.HasIndex(i => new { i.RecordId, i.Kind });
    }
}

internal sealed class EcnConfirmationConfiguration : IEntityTypeConfiguration<EcnConfirmation>
{
    public void Configure(EntityTypeBuilder<EcnConfirmation> b)
    {
        b.Property(c => c.CustomerName).HasMaxLength(200);
        b.Property(c => c.Note).HasMaxLength(2000);
        b.HasIndex(c => new { c.EcnId, c.CustomerId }).IsUnique();
        b.HasIndex(c => new { c.AccountManagerId, c.ConfirmedAtUtc });
    }
}
