using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Steadfast.Platform.CustomFields;
using Steadfast.Platform.Data;

namespace Steadfast.Sales.Quotes;

public enum QuoteStatus
{
    Draft = 0,

    /// <summary>A discount over the approval process's threshold waits for its approvers.</summary>
    PendingApproval = 1,
    Approved = 2,
    Rejected = 3,
    Sent = 4,
    Accepted = 5,
}

/// <summary>A quote (报价单) for an opportunity: list price, discount and net per line, printable on A4.</summary>
[RecordType(RecordTypeName)]
internal sealed class Quote : IVersioned, IAudited
{
    public const string RecordTypeName = Public.SalesRecords.Quote;
    public Guid Id { get; set; }
    public string Number { get; set; } = "";
    public Guid OpportunityId { get; set; }
    public Guid CustomerId { get; set; }
    public string CustomerName { get; set; } = "";
    public QuoteStatus Status { get; set; }
    public DateOnly ValidUntil { get; set; }
    public string Terms { get; set; } = "";

    /// <summary>Fen: the lines at list price, and after their discounts.</summary>
    public long ListTotal { get; set; }
    public long NetTotal { get; set; }

    /// <summary>The largest line discount (percent): what the approval process looks at.</summary>
    public decimal MaxDiscountPercent { get; set; }
    public Guid? ApprovalId { get; set; }
    public Guid? CreatedById { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public long Version { get; set; } = 1;
    public List<QuoteLine> Lines { get; set; } = [];
}

internal sealed class QuoteLine
{
    public Guid Id { get; set; }
    public Guid QuoteId { get; set; }
    public int Position { get; set; }
    public Guid? ProductId { get; set; }
    public string Description { get; set; } = "";
    public decimal Quantity { get; set; }
    public long ListPrice { get; set; }
    public decimal DiscountPercent { get; set; }

    /// <summary>Fen: quantity × list price × (1 − discount).</summary>
    public long Net { get; set; }
}

internal sealed class QuoteConfiguration : IEntityTypeConfiguration<Quote>
{
    public void Configure(EntityTypeBuilder<Quote> b)
    {
        b.Property(q => q.Number).HasMaxLength(20);
        b.Property(q => q.CustomerName).HasMaxLength(200);
        b.Property(q => q.Terms).HasMaxLength(4000);
        b.Property(q => q.MaxDiscountPercent).HasPrecision(5, 2);
        b.HasIndex(q => q.Number).IsUnique();
        b.HasIndex(q => new { q.OpportunityId, q.CreatedAtUtc });
        b.HasMany(q => q.Lines).WithOne().HasForeignKey(l => l.QuoteId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class QuoteLineConfiguration : IEntityTypeConfiguration<QuoteLine>
{
    public void Configure(EntityTypeBuilder<QuoteLine> b)
    {
        b.Property(l => l.Description).HasMaxLength(300);
        b.Property(l => l.Quantity).HasPrecision(18, 3);
        b.Property(l => l.DiscountPercent).HasPrecision(5, 2);
        b.HasIndex(l => new { l.QuoteId, l.Position });
    }
}
