using System.Text.Json;
using Steadfast.Customers.Public;
using Steadfast.Platform.CustomFields;

namespace Steadfast.Customers.Customers;

public sealed record CustomerListItem(
    Guid Id,
    string Name,
    string? CreditCode,
    string Industry,
    string Province,
    string City,
    CustomerTier Tier,
    CustomerStatus Status,
    Guid? OwnerId,
    string? OwnerName,
    Guid? DealerId,
    string? DealerName,
    IReadOnlyList<string> Tags,
    DateTime? LastContactAt,
    int Machines,
    CustomFieldValues CustomFields,
    long Version
);

public sealed record CustomerDetail(
    Guid Id,
    string Name,
    string? CreditCode,
    string Industry,
    string Province,
    string City,
    string Address,
    string Phone,
    CustomerTier Tier,
    CustomerStatus Status,
    Guid? OwnerId,
    string? OwnerName,
    Guid? DealerId,
    string? DealerName,
    IReadOnlyList<string> Tags,
    string? ExternalId,
    DateTime CreatedAt,
    DateTime? LastContactAt,
    CustomFieldValues CustomFields,
    long Version,
    Guid? RequestedId
);

public sealed record SaveCustomer(
    string? Name,
    string? CreditCode,
    string? Industry,
    string? Province,
    string? City,
    string? Address,
    string? Phone,
    CustomerTier? Tier,
    CustomerStatus? Status,
    Guid? OwnerId,
    Guid? DealerId,
    List<string>? Tags,
    string? ExternalId,
    Dictionary<string, JsonElement>? CustomFields,
    long? Version
);

public sealed record CustomerQuery(
    string? Q,
    CustomerTier? Tier,
    CustomerStatus? Status,
    string? Province,
    string? City,
    Guid? OwnerId,
    Guid? DealerId,
    string? Tag,
    int? NotContactedDays,
    string? Sort
)
{
    /// <summary>Only customers to contact now: a planned follow-up that has come, or past the tier's contact frequency.</summary>
    public bool? FollowUpDue { get; init; }

    /// <summary>Only the reader's own customers.</summary>
    public bool? Mine { get; init; }
}

public sealed record DuplicateGroup(string Key, IReadOnlyList<CustomerListItem> Customers);

public sealed record OwnerHeat(
    Guid? OwnerId,
    string? OwnerName,
    int Within30,
    int Within60,
    int Within90,
    int Within180,
    int Over180,
    int Never
)
{
    /// <summary>Customers past their tier's contact frequency (or a planned follow-up that has come).</summary>
    public int Overdue { get; init; }
}

public sealed record MergeRequest(Guid? SurvivorId, Guid? LoserId);
