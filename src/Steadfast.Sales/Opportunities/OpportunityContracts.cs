using System.Text.Json;
using Steadfast.Sales.Leads;

namespace Steadfast.Sales.Opportunities;

public sealed record StageDto(
    Guid Id,
    string Key,
    string Name,
    string NameZh,
    string NameEn,
    int Order,
    int Probability,
    StageKind Kind,
    bool Active,
    long Version
);

public sealed record SaveStage(string? NameZh, string? NameEn, int? Order, int? Probability, StageKind? Kind, bool? Active, long? Version);

public sealed record OpportunityListItem(
    Guid Id,
    string Number,
    string Title,
    Guid CustomerId,
    string CustomerName,
    Guid StageId,
    StageKind Status,
    int Probability,
    long Amount,
    DateOnly ExpectedCloseOn,
    Guid? OwnerId,
    string OwnerName,
    string NextStep,
    DateTime CreatedAtUtc,
    bool Overdue,
    long Version
);

public sealed record OpportunityQuery(
    string? Q,
    StageKind? Status,
    Guid? StageId,
    Guid? OwnerId,
    bool Mine,
    Guid? CustomerId,
    DateOnly? CloseFrom,
    DateOnly? CloseTo,
    bool Overdue
);

public sealed record LineDto(Guid? ProductId, string Description, decimal Quantity, long UnitPrice, long Amount);

public sealed record SaveLine(Guid? ProductId, string? Description, decimal? Quantity, long? UnitPrice);

public sealed record OpportunityDetail(
    Guid Id,
    string Number,
    string Title,
    Guid CustomerId,
    string CustomerName,
    Guid? ContactId,
    string ContactName,
    Guid StageId,
    StageKind Status,
    int Probability,
    long Amount,
    DateOnly ExpectedCloseOn,
    Guid? OwnerId,
    string OwnerName,
    string NextStep,
    string LostReason,
    string Competitor,
    Guid? LeadId,
    Guid? SalesOrderId,
    DateTime CreatedAtUtc,
    DateTime? ClosedAtUtc,
    bool Overdue,
    IReadOnlyList<LineDto> Lines,
    IReadOnlyList<SalesActivityDto> Activities,
    IReadOnlyDictionary<string, JsonElement> CustomFields,
    /// <summary>Fields accepted but worth a second look (a close date already past).</summary>
    IReadOnlyList<string> Warnings,
    long Version
);

public sealed record SaveOpportunity(
    string? Title,
    Guid? CustomerId,
    Guid? ContactId,
    string? ContactName,
    Guid? StageId,
    long? Amount,
    DateOnly? ExpectedCloseOn,
    Guid? OwnerId,
    string? NextStep,
    string? LostReason,
    string? Competitor,
    List<SaveLine>? Lines,
    Dictionary<string, JsonElement>? CustomFields,
    long? Version
);

/// <summary>A drag on the board: the new stage, and for a lost one why and to whom.</summary>
public sealed record MoveOpportunity(Guid? StageId, string? LostReason, string? Competitor, long? Version);

public sealed record BoardCard(
    Guid Id,
    string Number,
    string Title,
    string CustomerName,
    long Amount,
    DateOnly ExpectedCloseOn,
    string OwnerName,
    bool Overdue,
    long Version
);

public sealed record BoardColumn(StageDto Stage, int Count, long Amount, long Weighted, IReadOnlyList<BoardCard> Cards);

public sealed record Board(IReadOnlyList<BoardColumn> Columns, long OpenAmount, long Weighted);

public sealed record ForecastRow(string Key, string Label, IReadOnlyList<long> Weighted, long Total);

/// <summary>Weighted open amount per month of expected close, and amount won per month, by owner, team or region.</summary>
public sealed record Forecast(
    IReadOnlyList<string> Months,
    IReadOnlyList<long> Weighted,
    IReadOnlyList<long> Won,
    IReadOnlyList<ForecastRow> Rows
);

public sealed record Suggestion(Guid? ProductId, string Description, decimal Quantity, long UnitPrice, int Orders, DateOnly LastOn);

/// <summary>What this customer bought before, and what customers of the same industry and size buy most.</summary>
public sealed record Suggestions(
    IReadOnlyList<Suggestion> Bought,
    IReadOnlyList<Suggestion> Similar,
    string Industry,
    int SimilarCustomers
);
