using Steadfast.Service.WorkOrders;

namespace Steadfast.Service.Sla;

public sealed record SlaPolicyDto(
    Guid Id,
    string Name,
    Severity Severity,
    int? CustomerTier,
    SlaClock Clock,
    int FirstResponseMinutes,
    int ArrivalMinutes,
    int ResolutionMinutes,
    bool PauseWhileWaitingForParts,
    int WarnAtPercent,
    int SecondEscalationMinutes,
    bool IsActive,
    long Version,
    string ServiceLevel = ""
);

public sealed record SaveSlaPolicy(
    string? Name,
    Severity? Severity,
    int? CustomerTier,
    SlaClock? Clock,
    int? FirstResponseMinutes,
    int? ArrivalMinutes,
    int? ResolutionMinutes,
    bool? PauseWhileWaitingForParts,
    int? WarnAtPercent,
    int? SecondEscalationMinutes,
    bool? IsActive,
    long? Version,
    string? ServiceLevel = null
);

/// <summary>One SLA target of an order as the pages show it.</summary>
public sealed record SlaClockDto(SlaTarget Target, DateTime Due, DateTime? MetAt, bool? Breached, int PercentUsed, bool Paused);
