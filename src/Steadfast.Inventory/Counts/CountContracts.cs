namespace Steadfast.Inventory.Counts;

public sealed record CreateCount(Guid? WarehouseId);

public sealed record CountEntry(Guid? PartId, long? Counted);

public sealed record EnterCounts(List<CountEntry>? Lines, long? Version);

public sealed record PostCount(long? Version);

public sealed record StockCountDto(
    Guid Id,
    string Number,
    Guid WarehouseId,
    string WarehouseName,
    CountStatus Status,
    DateTime CreatedAt,
    string CreatedBy,
    DateTime? PostedAt,
    string PostedBy,
    int Lines,
    int Counted,
    int Differences,
    IReadOnlyList<CountLineDto> Items,
    long Version
);

public sealed record CountLineDto(
    Guid PartId,
    string PartNumber,
    string PartName,
    string Unit,
    long Expected,
    long OnHand,
    long? Counted,
    long? Difference,
    long DifferenceValue
);
