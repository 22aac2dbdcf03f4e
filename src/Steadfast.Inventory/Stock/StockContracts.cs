using Steadfast.Inventory.Public;

namespace Steadfast.Inventory.Stock;

/// <summary>
/// One movement a stock keeper posts. Kinds: receive (with unitCost; defaults to the part's standard cost),
/// scrap (reason), adjust (signed quantity, reason), transfer (toWarehouseId; in transit until received).
/// Issues and returns go through the work order's parts.
/// </summary>
public sealed record PostMovement(
    MovementKind? Kind,
    Guid? PartId,
    Guid? WarehouseId,
    long? Quantity,
    string? Unit,
    long? UnitCost,
    string? Reason,
    Guid? ToWarehouseId
);

public sealed record PostMovements(List<PostMovement>? Movements);

public sealed record MovementDto(
    Guid Id,
    DateTime At,
    MovementKind Kind,
    Guid PartId,
    string PartNumber,
    string PartName,
    string Unit,
    Guid WarehouseId,
    string WarehouseName,
    long Quantity,
    long Value,
    string WorkOrderNumber,
    Guid? WorkOrderId,
    bool Billable,
    bool Faulty,
    string Serial,
    string Reason,
    Guid? TransferId,
    Guid? ReversesId,
    bool Reversed,
    string ActorName
);

public sealed record TransferDto(
    Guid Id,
    string Number,
    Guid FromWarehouseId,
    string FromName,
    Guid ToWarehouseId,
    string ToName,
    TransferStatus Status,
    DateTime SentAt,
    string SentBy,
    DateTime? ReceivedAt,
    string ReceivedBy,
    IReadOnlyList<TransferLineDto> Lines,
    long Version
);

public sealed record TransferLineDto(Guid PartId, string PartNumber, string PartName, long Quantity, long Value);

public sealed record ReverseMovement(string? Reason);

public sealed record MovementFilter(Guid? WarehouseId, Guid? PartId, MovementKind? Kind, Guid? WorkOrderId, DateTime? From, DateTime? To);
