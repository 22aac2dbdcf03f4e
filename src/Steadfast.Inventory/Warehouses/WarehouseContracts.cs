namespace Steadfast.Inventory.Warehouses;

public sealed record WarehouseDto(
    Guid Id,
    string Code,
    string Name,
    WarehouseKind Kind,
    Guid? KeeperId,
    string KeeperName,
    string Region,
    bool IsActive,
    int Skus,
    long Units,
    long StockValue,
    long InTransit,
    long Version
);

public sealed record SaveWarehouse(
    string? Code,
    string? Name,
    WarehouseKind? Kind,
    Guid? KeeperId,
    string? Region,
    bool? IsActive,
    long? Version
);

public sealed record StockLine(
    Guid PartId,
    string PartNumber,
    string PartName,
    string Specification,
    string Unit,
    long Quantity,
    long Value,
    long AverageCost,
    int ReorderPoint,
    DateTime? LastMovementAt
);

public sealed record PartStock(
    Guid WarehouseId,
    string Code,
    string Name,
    WarehouseKind Kind,
    long Quantity,
    long Value,
    DateTime? LastMovementAt
);

public sealed record KeeperOption(Guid Id, string Name);

public sealed record InventorySettingsDto(int DeadStockDays, bool EngineersSeeOtherVans, long Version);

/// <summary>Which requests need approval is an approval process's condition now (settings › approval processes).</summary>
public sealed record SaveInventorySettings(int? DeadStockDays, bool? EngineersSeeOtherVans, long? Version);
