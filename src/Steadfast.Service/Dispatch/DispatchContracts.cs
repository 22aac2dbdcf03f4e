namespace Steadfast.Service.Dispatch;

public sealed record SuggestionDto(Guid UserId, string Name, int Score, int OpenOrders, IReadOnlyList<ReasonDto> Reasons);

public sealed record ReasonDto(string Key, string Text, int Points);

public sealed record EngineerDto(
    Guid UserId,
    string Name,
    string Email,
    IReadOnlyList<string> Regions,
    IReadOnlyList<string> Skills,
    long HourlyRate,
    int OpenOrders,
    long Version
);

public sealed record SaveEngineer(IReadOnlyList<string>? Regions, IReadOnlyList<string>? Skills, long? HourlyRate, long? Version);

public sealed record ServiceSettingsDto(bool PoolEnabled, int CheckInDistanceMeters, int CallbackWorkingDays, long Version);

public sealed record SaveServiceSettings(bool? PoolEnabled, int? CheckInDistanceMeters, int? CallbackWorkingDays, long? Version);

public sealed record AssignRequest(Guid? AssigneeId, IReadOnlyList<Guid>? HelperIds, string? Reason, long? Version);
