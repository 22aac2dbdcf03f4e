using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Steadfast.Platform.CustomFields;
using Steadfast.Platform.Data;

namespace Steadfast.Sales.Leads;

/// <summary>Where a lead came from (seed 002: 展会、线上询盘、老客户推荐...).</summary>
public enum LeadSource
{
    TradeShow = 0,
    OnlineInquiry = 1,
    Referral = 2,
    Phone = 3,
    Dealer = 4,
    Import = 5,
    WebForm = 6,
}

public enum LeadStatus
{
    /// <summary>Assigned or in the pool, not yet judged.</summary>
    Open = 0,
    Qualified = 1,
    Disqualified = 2,

    /// <summary>Became a customer (or was attached to one) and an opportunity.</summary>
    Converted = 3,
}

/// <summary>A possible sale (线索) before anyone knows whether it is real: who, what they want, who follows it up.</summary>
[RecordType(RecordTypeName)]
internal sealed class Lead : IVersioned, IAudited, IHasCustomFields, ISalesOwned
{
    public const string RecordTypeName = Public.SalesRecords.Lead;

    /// <summary>Seed 002's rule ①: a lead nobody contacted this long after assignment is red.</summary>
    public static readonly TimeSpan ContactWithin = TimeSpan.FromHours(24);

    /// <summary>Red (no contact since an assignment before <paramref name="cutoff"/>), for a list's filter.</summary>
    public static Expression<Func<Lead, bool>> Untouched(DateTime cutoff) =>
        l => (l.Status == LeadStatus.Open || l.Status == LeadStatus.Qualified) && l.FirstContactAtUtc == null && l.AssignedAtUtc <= cutoff;

    /// <summary>The same test on values already read (a row's projection, a record).</summary>
    public static bool IsUntouched(LeadStatus status, DateTime? firstContact, DateTime? assigned, DateTime cutoff) =>
        status is LeadStatus.Open or LeadStatus.Qualified && firstContact is null && assigned <= cutoff;

    public Guid Id { get; set; }
    public string Number { get; set; } = "";
    public LeadSource Source { get; set; }
    public LeadStatus Status { get; set; }
    public string CompanyName { get; set; } = "";

    /// <summary>The company name in duplicate-comparison form (see <c>CustomerRegistry.MatchKey</c>).</summary>
    public string MatchKey { get; set; } = "";
    public string? CreditCode { get; set; }
    public string ContactName { get; set; } = "";
    public string Phone { get; set; } = "";

    /// <summary>Digits of the phone only, for duplicate checks.</summary>
    public string PhoneKey { get; set; } = "";
    public string Email { get; set; } = "";
    public string Province { get; set; } = "";
    public string City { get; set; } = "";
    public string Industry { get; set; } = "";

    /// <summary>The product category asked about (drives assignment) and, if named, the model.</summary>
    public string ProductCategory { get; set; } = "";
    public Guid? ProductId { get; set; }

    /// <summary>Fen.</summary>
    public long? EstimatedAmount { get; set; }
    public string Notes { get; set; } = "";

    /// <summary>The existing customer who referred it (老客户推荐): the scoring module counts referrals.</summary>
    public Guid? ReferredByCustomerId { get; set; }

    /// <summary>The dealer it came from or was handed to; its users see it.</summary>
    public Guid? DealerId { get; set; }
    public Guid? OwnerId { get; set; }
    public DateTime? AssignedAtUtc { get; set; }

    /// <summary>The assignment rule that placed it ("" for by hand or the pool), and why, in words.</summary>
    public Guid? AssignmentRuleId { get; set; }
    public string AssignmentRule { get; set; } = "";

    /// <summary>Why it went where it went, as <see cref="AssignmentWhy"/> JSON, rendered in the reader's language.</summary>
    public string AssignmentReason { get; set; } = "";

    /// <summary>Increases with every rule assignment: round robin gives the next lead to the rep whose last is oldest.</summary>
    public long? AssignmentSeq { get; set; }

    /// <summary>The first follow-up, call or visit after assignment; none within 24 hours turns the lead red.</summary>
    public DateTime? FirstContactAtUtc { get; set; }
    public DateTime? LastContactAtUtc { get; set; }
    public string DisqualifyReason { get; set; } = "";

    /// <summary>The customer it became or was attached to, and the opportunity opened on conversion.</summary>
    public Guid? CustomerId { get; set; }
    public Guid? OpportunityId { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? ClosedAtUtc { get; set; }
    public long Version { get; set; } = 1;
    public CustomFieldValues CustomFields { get; set; } = new();
}

internal sealed class LeadConfiguration : IEntityTypeConfiguration<Lead>
{
    public void Configure(EntityTypeBuilder<Lead> b)
    {
        b.Property(l => l.Number).HasMaxLength(20);
        b.Property(l => l.CompanyName).HasMaxLength(200);
        b.Property(l => l.MatchKey).HasMaxLength(200);
        b.Property(l => l.CreditCode).HasMaxLength(18);
        b.Property(l => l.ContactName).HasMaxLength(100);
        b.Property(l => l.Phone).HasMaxLength(40);
        b.Property(l => l.PhoneKey).HasMaxLength(40);
        b.Property(l => l.Email).HasMaxLength(200);
        b.Property(l => l.Province).HasMaxLength(50);
        b.Property(l => l.City).HasMaxLength(50);
        b.Property(l => l.Industry).HasMaxLength(100);
        b.Property(l => l.ProductCategory).HasMaxLength(100);
        b.Property(l => l.Notes).HasMaxLength(4000);
        b.Property(l => l.AssignmentRule).HasMaxLength(100);
        b.Property(l => l.AssignmentReason).HasMaxLength(1000);
        b.Property(l => l.DisqualifyReason).HasMaxLength(500);
        b.HasIndex(l => l.Number).IsUnique();
        b.HasIndex(l => new
        {
            l.OwnerId,
            l.Status,
            l.CreatedAtUtc,
        });
        b.HasIndex(l => new { l.Status, l.CreatedAtUtc });
        b.HasIndex(l => new { l.Status, l.AssignedAtUtc });
        b.HasIndex(l => l.AssignedAtUtc);
        b.HasIndex(l => l.CreatedAtUtc);
        b.HasIndex(l => l.MatchKey);
        b.HasIndex(l => l.PhoneKey);
        b.HasIndex(l => l.CreditCode);
        b.HasIndex(l => l.DealerId);
        b.HasIndex(l => l.ReferredByCustomerId);
        b.HasIndex(l => l.CustomerId);
        b.HasIndex(l => new
        {
            l.AssignmentRuleId,
            l.OwnerId,
            l.AssignmentSeq,
        });
    }
}
