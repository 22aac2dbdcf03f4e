using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Steadfast.Platform.Data;

namespace Steadfast.Sales.Leads;

public enum ContactKind
{
    Call = 0,
    Visit = 1,
    Message = 2,
    Email = 3,
    Meeting = 4,
}

/// <summary>A contact with a lead or about an opportunity (a call, a visit): it stops the 24-hour clock.</summary>
internal sealed class SalesActivity : IAudited
{
    public Guid Id { get; set; }
    public Guid? LeadId { get; set; }
    public Guid? OpportunityId { get; set; }
    public ContactKind Kind { get; set; }
    public string Note { get; set; } = "";
    public DateTime AtUtc { get; set; }
    public Guid? ById { get; set; }
    public string ByName { get; set; } = "";
}

internal sealed class SalesActivityConfiguration : IEntityTypeConfiguration<SalesActivity>
{
    public void Configure(EntityTypeBuilder<SalesActivity> b)
    {
        b.Property(a => a.Note).HasMaxLength(2000);
        b.Property(a => a.ByName).HasMaxLength(200);
        b.HasIndex(a => new { a.LeadId, a.AtUtc });
        b.HasIndex(a => new { a.OpportunityId, a.AtUtc });
    }
}
