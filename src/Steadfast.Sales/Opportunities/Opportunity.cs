using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Steadfast.Platform.CustomFields;
using Steadfast.Platform.Data;

namespace Steadfast.Sales.Opportunities;

public enum StageKind
{
    Open = 0,
    Won = 1,
    Lost = 2,
}

/// <summary>A pipeline stage (商机阶段) with its win probability; the list is the company's to set.</summary>
internal sealed class OpportunityStage : IVersioned, IAudited, IConfigRecord
{
    public Guid Id { get; set; }
    public string Key { get; set; } = "";
    public string NameZh { get; set; } = "";
    public string NameEn { get; set; } = "";
    public int Order { get; set; }

    /// <summary>Percent, 0–100.</summary>
    public int Probability { get; set; }
    public StageKind Kind { get; set; }
    public bool Active { get; set; } = true;
    public long Version { get; set; } = 1;
}

/// <summary>A sale being worked on (商机): what, how much, by when, and how likely.</summary>
[RecordType(RecordTypeName)]
internal sealed class Opportunity : IVersioned, IAudited, IHasCustomFields, ISalesOwned
{
    public const string RecordTypeName = Public.SalesRecords.Opportunity;

    /// <summary>Red: open, and nobody contacted it since an assignment before <paramref name="cutoff"/> (seed 002's rule ①).</summary>
    public static Expression<Func<Opportunity, bool>> Untouched(DateTime cutoff) =>
        o => o.Status == StageKind.Open && o.FirstContactAtUtc == null && o.AssignedAtUtc <= cutoff;

    public static bool IsUntouched(StageKind status, DateTime? firstContact, DateTime? assigned, DateTime cutoff) =>
        status == StageKind.Open && firstContact is null && assigned <= cutoff;

    public Guid Id { get; set; }
    public string Number { get; set; } = "";
    public string Title { get; set; } = "";
    public Guid CustomerId { get; set; }
    public string CustomerName { get; set; } = "";
    public Guid? ContactId { get; set; }
    public string ContactName { get; set; } = "";
    public Guid StageId { get; set; }

    /// <summary>The stage's kind, kept beside it so lists and the forecast filter open/won/lost without a join.</summary>
    public StageKind Status { get; set; }

    /// <summary>The stage's probability when the opportunity entered it (percent).</summary>
    public int Probability { get; set; }

    /// <summary>Fen: the lines' total, or the estimate when there are no lines.</summary>
    public long Amount { get; set; }
    public DateOnly ExpectedCloseOn { get; set; }
    public Guid? OwnerId { get; set; }
    public Guid? TeamId { get; set; }
    public string Province { get; set; } = "";
    public Guid? DealerId { get; set; }
    public string NextStep { get; set; } = "";
    public string LostReason { get; set; } = "";
    public string Competitor { get; set; } = "";
    public Guid? LeadId { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? AssignedAtUtc { get; set; }
    public DateTime? FirstContactAtUtc { get; set; }
    public DateTime? ClosedAtUtc { get; set; }

    /// <summary>The sales order a won opportunity became (until contracts exist, the won order).</summary>
    public Guid? SalesOrderId { get; set; }
    public long Version { get; set; } = 1;
    public CustomFieldValues CustomFields { get; set; } = new();
    public List<OpportunityLine> Lines { get; set; } = [];
}

/// <summary>A product, part or service of an opportunity, with quantity and amount.</summary>
internal sealed class OpportunityLine : IPricedRow
{
    public Guid Id { get; set; }
    public Guid OpportunityId { get; set; }
    public int Position { get; set; }
    public Guid? ProductId { get; set; }
    public string Description { get; set; } = "";
    public decimal Quantity { get; set; }

    /// <summary>Fen.</summary>
    public long UnitPrice { get; set; }
    public long Amount { get; set; }
}

internal sealed class OpportunityStageConfiguration : IEntityTypeConfiguration<OpportunityStage>
{
    public void Configure(EntityTypeBuilder<OpportunityStage> b)
    {
        b.Property(s => s.Key).HasMaxLength(50);
        b.Property(s => s.NameZh).HasMaxLength(50);
        b.Property(s => s.NameEn).HasMaxLength(50);
        b.HasIndex(s => s.Key).IsUnique();
    }
}

internal sealed class OpportunityConfiguration : IEntityTypeConfiguration<Opportunity>
{
    public void Configure(EntityTypeBuilder<Opportunity> b)
    {
        b.Property(o => o.Number).HasMaxLength(20);
        b.Property(o => o.Title).HasMaxLength(200);
        b.Property(o => o.CustomerName).HasMaxLength(200);
        b.Property(o => o.ContactName).HasMaxLength(100);
        b.Property(o => o.Province).HasMaxLength(50);
        b.Property(o => o.NextStep).HasMaxLength(500);
        b.Property(o => o.LostReason).HasMaxLength(500);
        b.Property(o => o.Competitor).HasMaxLength(200);
        b.HasIndex(o => o.Number).IsUnique();
        b.HasIndex(o => new
        {
            o.Status,
            o.StageId,
            o.ExpectedCloseOn,
        });
        b.HasIndex(o => new
        {
            o.OwnerId,
            o.Status,
            o.ExpectedCloseOn,
        });
        b.HasIndex(o => new { o.CustomerId, o.CreatedAtUtc });
        b.HasIndex(o => new { o.Status, o.ExpectedCloseOn });
        b.HasIndex(o => o.DealerId);
        b.HasIndex(o => o.AssignedAtUtc);
        b.HasIndex(o => o.ExpectedCloseOn);
        b.HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.OpportunityId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OpportunityLineConfiguration : IEntityTypeConfiguration<OpportunityLine>
{
    public void Configure(EntityTypeBuilder<OpportunityLine> b)
    {
        b.ToTable("OpportunityLines");
        b.Property(l => l.Description).HasMaxLength(300);
        b.Property(l => l.Quantity).HasPrecision(18, 3);
        b.HasIndex(l => new { l.OpportunityId, l.Position });
        b.HasIndex(l => l.ProductId);
    }
}
