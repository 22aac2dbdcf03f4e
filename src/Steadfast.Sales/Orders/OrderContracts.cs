using Steadfast.Sales.Opportunities;

namespace Steadfast.Sales.Orders;

public sealed record OrderListItem(
    Guid Id,
    string Number,
    string? ExternalId,
    Guid CustomerId,
    string CustomerName,
    DateOnly OrderedOn,
    DateOnly? DeliveryOn,
    SalesOrderStatus Status,
    long Amount,
    string OwnerName
);

public sealed record OrderQuery(string? Q, SalesOrderStatus? Status, Guid? CustomerId, Guid? OwnerId, DateOnly? From, DateOnly? To);

public sealed record OrderDetail(
    Guid Id,
    string Number,
    string? ExternalId,
    Guid CustomerId,
    string CustomerName,
    DateOnly OrderedOn,
    DateOnly? DeliveryOn,
    SalesOrderStatus Status,
    long Amount,
    Guid? OwnerId,
    string OwnerName,
    Guid? OpportunityId,
    string Notes,
    IReadOnlyList<LineDto> Lines,
    DateTime CreatedAtUtc,
    long Version
);

public sealed record SaveOrder(
    Guid? CustomerId,
    DateOnly? OrderedOn,
    DateOnly? DeliveryOn,
    SalesOrderStatus? Status,
    Guid? OwnerId,
    string? Notes,
    List<SaveLine>? Lines,
    long? Version
);
