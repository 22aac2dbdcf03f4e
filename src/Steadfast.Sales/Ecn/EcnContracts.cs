namespace Steadfast.Sales.Ecn;

public sealed record EcnListItem(
    Guid Id,
    string Number,
    string Title,
    EcnStatus Status,
    DateOnly EffectiveOn,
    DateTime? PublishedAtUtc,
    int Customers,
    int Confirmed,
    int Overdue,
    int Orders,
    int Machines
);

public sealed record SaveEcn(
    string? Number,
    string? Title,
    string? Description,
    IReadOnlyList<Guid>? ProductIds,
    IReadOnlyList<string>? PartNumbers,
    string? SerialFrom,
    string? SerialTo,
    DateOnly? BuiltFrom,
    DateOnly? BuiltTo,
    DateOnly? EffectiveOn,
    long? Version
);

public sealed record PublishEcn(long? Version);

public sealed record NamedRef(Guid Id, string Name);

public sealed record EcnDetail(
    Guid Id,
    string Number,
    string Title,
    string Description,
    IReadOnlyList<NamedRef> Products,
    IReadOnlyList<string> PartNumbers,
    string? SerialFrom,
    string? SerialTo,
    DateOnly? BuiltFrom,
    DateOnly? BuiltTo,
    DateOnly EffectiveOn,
    EcnStatus Status,
    string CreatedBy,
    DateTime? PublishedAtUtc,
    string PublishedBy,
    DateTime? ConfirmDueAtUtc,
    EcnCounts Counts,
    bool CanPublish,
    long Version
);

public sealed record EcnCounts(
    int Orders,
    int Opportunities,
    int Projects,
    int Machines,
    int WorkOrders,
    int Customers,
    int Confirmed,
    int Overdue
);

public sealed record ImpactDto(
    Guid Id,
    ImpactKind Kind,
    Guid RecordId,
    string Label,
    Guid CustomerId,
    string CustomerName,
    EcnOutcome? Outcome
);

public sealed record ConfirmationDto(
    Guid Id,
    Guid CustomerId,
    string CustomerName,
    Guid? AccountManagerId,
    string AccountManager,
    DateTime DueAtUtc,
    bool Overdue,
    bool Escalated,
    EcnOutcome? Outcome,
    string Note,
    DateTime? ConfirmedAtUtc,
    IReadOnlyList<ImpactDto> Orders,
    bool CanAnswer,
    long Version
);

public sealed record ImpactOutcome(Guid? ImpactId, EcnOutcome? Outcome);

/// <summary>The customer's answer: for the whole change, and per order where they differ.</summary>
public sealed record AnswerEcn(EcnOutcome? Outcome, IReadOnlyList<ImpactOutcome?>? Orders, string? Note, long? Version);
