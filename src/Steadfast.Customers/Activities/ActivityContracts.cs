namespace Steadfast.Customers.Activities;

public sealed record ActivityDto(
    Guid Id,
    Guid CustomerId,
    Guid? ContactId,
    string? ContactName,
    ActivityType Type,
    DateTime At,
    string Summary,
    DateOnly? NextFollowUpOn,
    Guid AuthorId,
    string? AuthorName,
    bool IsPrivate,
    long Version
);

public sealed record SaveActivity(
    ActivityType? Type,
    DateTime? At,
    string? Summary,
    DateOnly? NextFollowUpOn,
    Guid? ContactId,
    bool? IsPrivate,
    long? Version
);
