namespace Steadfast.Platform.Automation;

public enum ApprovalStatus
{
    Pending = 0,
    Approved = 1,
    Rejected = 2,

    /// <summary>Sent back to the requester for changes; they resubmit or withdraw.</summary>
    Returned = 3,
    Cancelled = 4,
}

public enum ApprovalVerdict
{
    Approve = 0,
    Reject = 1,
    Return = 2,
}

/// <summary>Where a record's approval stands: which process, which step, who it waits for and until when.</summary>
public sealed record ApprovalRef(
    Guid Id,
    string ProcessName,
    ApprovalStatus Status,
    int Step,
    int Steps,
    string StepName,
    IReadOnlyList<string> WaitingFor,
    DateTime? DueAt,
    bool Escalated
);

/// <summary>
/// The approval engine, as modules below Automation see it (Inventory's parts requests). Implemented by the Automation
/// module; a module that finds none installed treats its records as needing no approval.
/// </summary>
public interface IApprovals
{
    /// <summary>
    /// Starts the first enabled process of the record type whose conditions hold for the record (tracked in the caller's
    /// unit of work or saved). Rows are added, not saved: the approval exists exactly when the record does. Null when no
    /// process applies.
    /// </summary>
    Task<ApprovalRef?> StartAsync(string recordType, Guid recordId, Guid requesterId, CancellationToken ct);

    /// <summary>The record's latest approval, open or closed.</summary>
    Task<ApprovalRef?> FindAsync(string recordType, Guid recordId, CancellationToken ct);

    /// <summary>The current user decides the open approval's current step, as from the approvals page.</summary>
    Task DecideAsync(Guid approvalId, ApprovalVerdict verdict, string? comment, CancellationToken ct);
}

/// <summary>What became of an approval, told to the module owning the record.</summary>
public sealed record ApprovalOutcome(Guid ApprovalId, Guid RecordId, ApprovalStatus Status, string Comment, string DecidedBy);

/// <summary>
/// A module's part in the approvals of its record type: told of the outcome inside the decision's transaction, so the
/// record and the approval change together (a parts request is sent when its approval is approved).
/// </summary>
public interface IApprovalSubject
{
    string RecordType { get; }

    /// <summary>
    /// Before the last approval is recorded: a reason the record cannot go ahead now (stock ran out) is thrown here, after
    /// the module has recorded what it must, and nothing of the decision is saved.
    /// </summary>
    Task ReadyAsync(Guid recordId, CancellationToken ct) => Task.CompletedTask;

    /// <summary>Inside the decision's transaction; the engine saves.</summary>
    Task DecidedAsync(ApprovalOutcome outcome, CancellationToken ct);
}
