namespace Steadfast.Platform.Automation;

/// <summary>A task a module below Automation asks for: who must do what about which record, by when.</summary>
public sealed record TaskRequest(
    string Title,
    string Description,
    string RecordType,
    Guid RecordId,
    string RecordTitle,
    Guid? AssigneeId,
    string? PoolRole,
    DateTime DueAtUtc
);

/// <summary>Where a task stands, as the module that asked for it shows it.</summary>
public sealed record TaskState(Guid Id, bool Open, Guid? AssigneeId, DateTime? DueAtUtc, DateTime? CompletedAtUtc);

/// <summary>
/// The task list (待办), as modules below Automation see it (the sales module's ECN confirmations). Implemented by the
/// Automation module; a module that finds none installed keeps its own record of what is owed and makes no tasks.
/// </summary>
public interface ITasks
{
    /// <summary>Adds the task to the caller's unit of work, not saved: it exists exactly when the caller's change does.</summary>
    Guid Add(TaskRequest request);

    /// <summary>Marks an open task done with the outcome, in the caller's unit of work; a task already closed is left as it is.</summary>
    Task CloseAsync(Guid taskId, string outcome, CancellationToken ct);

    /// <summary>The tasks' states, for a page listing them.</summary>
    Task<Dictionary<Guid, TaskState>> StatesAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct);
}
