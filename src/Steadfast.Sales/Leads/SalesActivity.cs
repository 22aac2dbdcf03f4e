using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Localization;
using Steadfast.Platform.Api;
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

/// <summary>A contact as entered, checked: what the contact logs of leads and opportunities share.</summary>
internal static class ContactLog
{
    public static SalesActivity Check(
        LogContact input,
        Guid? leadId,
        Guid? opportunityId,
        SalesScope scope,
        DateTime now,
        IStringLocalizer t
    )
    {
        var errors = new ValidationErrors();
        if (input.Kind is not { } kind || !Enum.IsDefined(kind))
            errors.Add("kind", t["Common.Error.Choice"]);
        if ((input.Note ?? "").Trim().Length is 0 or > 2000)
            errors.Add("note", t["Sales.Error.Note"]);
        errors.ThrowIfAny();
        return new SalesActivity
        {
            Id = Guid.CreateVersion7(),
            LeadId = leadId,
            OpportunityId = opportunityId,
            Kind = input.Kind!.Value,
            Note = input.Note!.Trim(),
            AtUtc = now,
            ById = scope.Me,
            ByName = scope.MyName,
        };
    }
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
