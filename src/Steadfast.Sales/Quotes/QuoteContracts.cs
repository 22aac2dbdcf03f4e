namespace Steadfast.Sales.Quotes;

public sealed record QuoteLineDto(Guid? ProductId, string Description, decimal Quantity, long ListPrice, decimal DiscountPercent, long Net);

public sealed record QuoteDto(
    Guid Id,
    string Number,
    Guid OpportunityId,
    Guid CustomerId,
    string CustomerName,
    QuoteStatus Status,
    DateOnly ValidUntil,
    string Terms,
    long ListTotal,
    long NetTotal,
    decimal MaxDiscountPercent,
    Guid? ApprovalId,
    IReadOnlyList<QuoteLineDto> Lines,
    DateTime CreatedAtUtc,
    long Version
);

public sealed record SaveQuoteLine(Guid? ProductId, string? Description, decimal? Quantity, long? ListPrice, decimal? DiscountPercent);

public sealed record NewQuote(Guid? OpportunityId);

public sealed record SaveQuote(DateOnly? ValidUntil, string? Terms, List<SaveQuoteLine>? Lines, long? Version);
