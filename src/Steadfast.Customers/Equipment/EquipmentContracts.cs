using System.Text.Json;
using Steadfast.Platform.CustomFields;

namespace Steadfast.Customers.Equipment;

public sealed record MachineDto(
    Guid Id,
    string SerialNumber,
    Guid ProductId,
    string ProductCode,
    string ProductName,
    string ProductCategory,
    Guid CustomerId,
    string CustomerName,
    string SiteName,
    string SiteAddress,
    double? Latitude,
    double? Longitude,
    DateOnly? InstalledOn,
    DateOnly? CommissionedOn,
    DateOnly? WarrantyEndsOn,
    bool InWarranty,
    MachineStatus Status,
    string Configuration,
    Guid? ParentId,
    string? ParentSerial,
    double? LastReadingHours,
    string? ExternalId,
    CustomFieldValues CustomFields,
    long Version
);

public sealed record SaveMachine(
    string? SerialNumber,
    Guid? ProductId,
    Guid? CustomerId,
    string? SiteName,
    string? SiteAddress,
    double? Latitude,
    double? Longitude,
    DateOnly? InstalledOn,
    DateOnly? CommissionedOn,
    DateOnly? WarrantyEndsOn,
    MachineStatus? Status,
    string? Configuration,
    Guid? ParentId,
    string? ExternalId,
    Dictionary<string, JsonElement>? CustomFields,
    long? Version
);

public sealed record MachineQuery(string? Q, Guid? CustomerId, Guid? ProductId, MachineStatus? Status, bool? InWarranty, string? Sort);

public sealed record ReadingDto(Guid Id, double Hours, DateTime ReadAt, bool IsMeterReplacement, string? RecordedBy);

public sealed record AddReading(double? Hours, DateTime? ReadAt, bool? IsMeterReplacement);

/// <summary>What a QR scan may learn about a machine without signing in: enough to know it is the right one.</summary>
public sealed record PublicMachine(
    string SerialNumber,
    string ProductName,
    string ProductCode,
    string CustomerName,
    string SiteName,
    string ServicePhone
);
