using System.Text.Json;
using Steadfast.Customers.Public;

namespace Steadfast.Sales.Leads;

public sealed record LeadListItem(
    Guid Id,
    string Number,
    string CompanyName,
    string ContactName,
    string Phone,
    string Province,
    string City,
    string Industry,
    LeadSource Source,
    LeadStatus Status,
    Guid? OwnerId,
    string OwnerName,
    long? EstimatedAmount,
    DateTime CreatedAtUtc,
    DateTime? AssignedAtUtc,
    DateTime? FirstContactAtUtc,
    /// <summary>Assigned over 24 hours ago and nobody has contacted it: shown red everywhere.</summary>
    bool Overdue
);

public sealed record LeadQuery(
    string? Q,
    LeadStatus? Status,
    LeadSource? Source,
    Guid? OwnerId,
    bool Mine,
    bool Pool,
    bool Overdue,
    string? Province
);

public sealed record SalesActivityDto(Guid Id, ContactKind Kind, string Note, DateTime AtUtc, string ByName);

/// <summary>How the lead was assigned, in the reader's language.</summary>
public sealed record AssignmentDto(
    string Kind,
    string Rule,
    IReadOnlyList<string> Matched,
    int Open,
    int Cap,
    IReadOnlyList<string> AtCap,
    string By
);

public sealed record LeadDetail(
    Guid Id,
    string Number,
    LeadSource Source,
    LeadStatus Status,
    string CompanyName,
    string? CreditCode,
    string ContactName,
    string Phone,
    string Email,
    string Province,
    string City,
    string Industry,
    string ProductCategory,
    Guid? ProductId,
    long? EstimatedAmount,
    string Notes,
    Guid? ReferredByCustomerId,
    string ReferredByName,
    Guid? DealerId,
    Guid? OwnerId,
    string OwnerName,
    DateTime? AssignedAtUtc,
    AssignmentDto? Assignment,
    DateTime? FirstContactAtUtc,
    DateTime? LastContactAtUtc,
    bool Overdue,
    string DisqualifyReason,
    Guid? CustomerId,
    string CustomerName,
    Guid? OpportunityId,
    DateTime CreatedAtUtc,
    IReadOnlyList<SalesActivityDto> Activities,
    IReadOnlyDictionary<string, JsonElement> CustomFields,
    long Version
);

public sealed record SaveLead(
    LeadSource? Source,
    string? CompanyName,
    string? CreditCode,
    string? ContactName,
    string? Phone,
    string? Email,
    string? Province,
    string? City,
    string? Industry,
    string? ProductCategory,
    Guid? ProductId,
    long? EstimatedAmount,
    string? Notes,
    Guid? ReferredByCustomerId,
    Guid? DealerId,
    /// <summary>On create: an owner by hand (managers), else the rules decide (a rep's own entry stays theirs).</summary>
    Guid? OwnerId,
    /// <summary>On create: the existing customer the user attached the lead to after the duplicate check.</summary>
    Guid? CustomerId,
    Dictionary<string, JsonElement>? CustomFields,
    long? Version
);

/// <summary>An open lead that looks like the one being entered.</summary>
public sealed record LeadMatch(Guid Id, string Number, string CompanyName, string OwnerName, CustomerMatchReason Reason);

public sealed record DuplicateCheck(IReadOnlyList<CustomerMatch> Customers, IReadOnlyList<LeadMatch> Leads);

/// <summary>What a website form posts (POST /api/v1/leads with a lead-intake token).</summary>
public sealed record LeadCreated(Guid Id, string Number, bool Duplicate);

public sealed record AssignLead(Guid? OwnerId, bool? Auto, long? Version);

public sealed record LogContact(ContactKind? Kind, string? Note);

public sealed record Disqualify(string? Reason, long? Version);

public sealed record ConvertLead(
    /// <summary>Link to this existing customer instead of registering the company.</summary>
    Guid? CustomerId,
    string? CreditCode,
    string? OpportunityTitle,
    long? Amount,
    DateOnly? ExpectedCloseOn,
    long? Version
);

public sealed record Converted(Guid LeadId, Guid CustomerId, bool CustomerCreated, Guid OpportunityId, string OpportunityNumber);
