using Steadfast.Sales.Opportunities;
using Steadfast.Sales.Receivables;

namespace Steadfast.Sales.Contracts;

public sealed record ContractListItem(
    Guid Id,
    string Number,
    string Title,
    ContractKind Kind,
    ServiceKind? ServiceKind,
    ContractStatus Status,
    Guid CustomerId,
    string CustomerName,
    DateOnly StartsOn,
    DateOnly EndsOn,
    long? Amount,
    long? Received,
    string OwnerName
);

public sealed record ContractQuery(
    string? Q,
    ContractKind? Kind,
    ContractStatus? Status,
    Guid? CustomerId,
    Guid? OwnerId,
    Guid? MachineId,
    DateOnly? EndsFrom,
    DateOnly? EndsTo
);

public sealed record CoveredMachineDto(Guid MachineId, string SerialNumber);

public sealed record InstalmentDto(
    Guid Id,
    int Position,
    string Name,
    DueFrom DueFrom,
    int OffsetDays,
    DateOnly? FixedOn,
    DateOnly? DueOn,
    long Amount,
    long Paid,
    long Invoiced,
    long Open,
    DateOnly? PaidOn,
    int DaysOverdue,
    long Version
);

public sealed record ContractDetail(
    Guid Id,
    string Number,
    string Title,
    ContractKind Kind,
    ServiceKind? ServiceKind,
    ContractStatus Status,
    Guid CustomerId,
    string CustomerName,
    Guid? OwnerId,
    string OwnerName,
    DateOnly StartsOn,
    DateOnly EndsOn,
    DateOnly? SignedOn,
    long? Amount,
    string Currency,
    decimal TaxRate,
    decimal DiscountPercent,
    bool NonStandardTerms,
    string Terms,
    Guid? OpportunityId,
    Guid? QuoteId,
    Guid? SalesOrderId,
    Guid? RenewalOfId,
    Guid? AmendmentOfId,
    Guid? ApprovalId,
    string SignedBy,
    DateTime? SignedAt,
    Guid? SignedFileId,
    DateOnly? DeliveredOn,
    DateOnly? AcceptedOn,
    string ServiceLevel,
    int VisitsPerYear,
    int VisitsIncluded,
    int VisitsUsed,
    int LabourPercent,
    int PartsPercent,
    bool TravelCovered,
    bool RemoteSupport,
    long? PartsCap,
    long PartsCapUsed,
    IReadOnlyList<CoveredPartDto> Parts,
    long? Received,
    long? Invoiced,
    IReadOnlyList<LineDto> Lines,
    IReadOnlyList<CoveredMachineDto> Machines,
    IReadOnlyList<Guid> ModelIds,
    IReadOnlyList<InstalmentDto> Instalments,
    bool PricesHidden,
    IReadOnlyList<ContractStatus> Next,
    IReadOnlyDictionary<string, System.Text.Json.JsonElement> CustomFields,
    long Version
);

/// <summary>A part the contract covers, labelled "number · name".</summary>
public sealed record CoveredPartDto(Guid Id, string Label);

public sealed record SaveInstalment(string? Name, DueFrom? DueFrom, int? OffsetDays, DateOnly? FixedOn, long? Amount);

public sealed record SaveContract(
    string? Title,
    ContractKind? Kind,
    ServiceKind? ServiceKind,
    Guid? CustomerId,
    Guid? OwnerId,
    DateOnly? StartsOn,
    DateOnly? EndsOn,
    long? Amount,
    string? Currency,
    decimal? TaxRate,
    decimal? DiscountPercent,
    bool? NonStandardTerms,
    string? Terms,
    List<SaveLine>? Lines,
    List<Guid>? MachineIds,
    List<Guid>? ModelIds,
    string? ServiceLevel,
    int? VisitsPerYear,
    int? LabourPercent,
    int? PartsPercent,
    bool? TravelCovered,
    bool? RemoteSupport,
    List<SaveInstalment>? Instalments,
    Dictionary<string, System.Text.Json.JsonElement>? CustomFields,
    long? Version,
    string? Number = null,
    long? PartsCap = null,
    List<Guid>? PartIds = null
);

/// <summary>From a won opportunity: its accepted quote's (or its own) lines become the contract's.</summary>
public sealed record ContractLink(Guid Id, string Number, ContractStatus Status);

public sealed record ContractFromOpportunity(Guid? OpportunityId, DateOnly? StartsOn, DateOnly? EndsOn);

/// <summary>The customer's signature: typed name, and either the uploaded signed PDF or the on-screen signature image.</summary>
public sealed record SignContract(string? SignedBy, Guid? SignedFileId, string? SignatureImage, DateOnly? SignedOn, long? Version);

public sealed record ContractMilestone(DateOnly? DeliveredOn, DateOnly? AcceptedOn, long? Version);

public sealed record TerminateContract(string? Reason, long? Version);
