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
)
{
    /// <summary>The most orders automatic dispatch gives the engineer in one day.</summary>
    public int DailyCap { get; init; } = EngineerProfile.DefaultDailyCap;
}

public sealed record SaveEngineer(IReadOnlyList<string>? Regions, IReadOnlyList<string>? Skills, long? HourlyRate, long? Version)
{
    public int? DailyCap { get; init; }
}

/// <summary>Region "" (or absent) is every region; no severity is every severity.</summary>
public sealed record DispatchRuleDto(Guid Id, string Region, WorkOrders.Severity? Severity, DispatchMode Mode, long Version);

public sealed record SaveDispatchRule(string? Region, WorkOrders.Severity? Severity, DispatchMode? Mode, long? Version);

public sealed record ServiceSettingsDto(
    bool PoolEnabled,
    int CheckInDistanceMeters,
    int CallbackWorkingDays,
    long Version,
    int MaintenanceLeadDays = 14,
    int MaintenanceGroupDays = 7
);

public sealed record SaveServiceSettings(
    bool? PoolEnabled,
    int? CheckInDistanceMeters,
    int? CallbackWorkingDays,
    long? Version,
    int? MaintenanceLeadDays = null,
    int? MaintenanceGroupDays = null
);

public sealed record AssignRequest(Guid? AssigneeId, IReadOnlyList<Guid>? HelperIds, string? Reason, long? Version);
