using Steadfast.Platform.Automation;

namespace Steadfast.Automation.Approvals;

public sealed record ProcessDto(
    Guid Id,
    string Name,
    string RecordType,
    string RecordTypeLabel,
    int Order,
    bool Enabled,
    int Revision,
    ProcessDefinition Definition,
    string Summary,
    int Open,
    DateTime UpdatedAt,
    long Version
);

/// <summary>A new process or a change to one; version is required to change.</summary>
public sealed record SaveProcess(string? Name, string? RecordType, int? Order, bool? Enabled, ProcessDefinition? Definition, long? Version);

public sealed record ApprovalListItem(
    Guid Id,
    string ProcessName,
    string RecordType,
    Guid RecordId,
    string RecordTitle,
    string RecordLink,
    string RequesterName,
    ApprovalStatus Status,
    int Step,
    int Steps,
    string StepName,
    DateTime StepStartedAt,
    DateTime? StepDueAt,
    bool Overdue,
    bool Escalated,
    DateTime CreatedAt,
    IReadOnlyList<string> WaitingFor
);

public sealed record VoteDto(
    int Round,
    int Step,
    string StepName,
    string UserName,
    string? OnBehalfOf,
    bool Escalation,
    VoteDecision Decision,
    string Comment,
    string Via,
    DateTime? DecidedAt
);

public sealed record ApprovalDto(
    Guid Id,
    Guid ProcessId,
    string ProcessName,
    string RecordType,
    Guid RecordId,
    string RecordTitle,
    string RecordLink,
    Guid RequesterId,
    string RequesterName,
    ApprovalStatus Status,
    int Step,
    IReadOnlyList<ApprovalStep> Steps,
    DateTime StepStartedAt,
    DateTime? StepDueAt,
    bool Escalated,
    int Round,
    string LastComment,
    DateTime CreatedAt,
    DateTime? ClosedAt,
    IReadOnlyList<VoteDto> Votes,
    bool CanDecide,
    bool IsRequester,
    long Version
);

/// <summary>Approve, reject or return (a comment is required for the last two).</summary>
public sealed record DecideApproval(ApprovalVerdict? Verdict, string? Comment, long? Version);

public sealed record ResubmitApproval(string? Comment, long? Version);

public sealed record WithdrawApproval(long? Version);

/// <summary>What a signed link shows before its approver decides.</summary>
public sealed record LinkViewDto(ApprovalDto? Approval, string ApproverName, LinkProblem? Problem);

public sealed record LinkDecision(ApprovalVerdict? Verdict, string? Comment);

public sealed record DelegationDto(
    Guid Id,
    Guid UserId,
    string UserName,
    Guid DelegateId,
    string DelegateName,
    DateTime StartsAt,
    DateTime EndsAt,
    string Note
);

/// <summary>Away from start to end: the caller's approvals go to the delegate meanwhile (managers may set it for others).</summary>
public sealed record SaveDelegation(Guid? UserId, Guid? DelegateId, DateTime? StartsAt, DateTime? EndsAt, string? Note);

/// <summary>One step of one process in the monitor: how many wait there now and how long it held the finished ones.</summary>
public sealed record StepStats(
    Guid ProcessId,
    string ProcessName,
    int StepIndex,
    string StepName,
    int Open,
    int Overdue,
    DateTime? OldestSince,
    int Finished,
    double? MedianHours,
    double? P90Hours,
    bool Bottleneck
);

/// <summary>A rule that makes tasks, as the monitor sees it: its tasks open now and how long done ones took.</summary>
public sealed record RuleTaskStats(
    Guid RuleId,
    string RuleName,
    int Open,
    int Overdue,
    int Done,
    double? MedianHours,
    double? P90Hours,
    bool Bottleneck
);

public sealed record MonitorDto(int Days, IReadOnlyList<StepStats> Steps, IReadOnlyList<RuleTaskStats> Rules);
