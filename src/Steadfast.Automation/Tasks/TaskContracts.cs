namespace Steadfast.Automation.Tasks;

public sealed record TaskDto(
    Guid Id,
    string Title,
    string Description,
    string? RecordType,
    Guid? RecordId,
    string RecordTitle,
    string? RecordLink,
    Guid? AssigneeId,
    string? AssigneeName,
    string? PoolRole,
    DateTime? DueAt,
    bool Overdue,
    TaskPriority Priority,
    TaskStatus Status,
    string Outcome,
    string CreatedByName,
    Guid? RuleId,
    DateTime CreatedAt,
    DateTime? CompletedAt,
    long Version
);

/// <summary>Whose tasks a list shows: mine (assigned to me), my roles' pools, those I created, or everyone's (managers).</summary>
public enum TaskScope
{
    Mine = 0,
    Pool = 1,
    Created = 2,
    All = 3,
}

public sealed record CreateTask(
    string? Title,
    string? Description,
    string? RecordType,
    Guid? RecordId,
    Guid? AssigneeId,
    string? PoolRole,
    DateTime? DueAt,
    TaskPriority? Priority
);

public sealed record CompleteTask(string? Outcome, long? Version);

public sealed record CancelTask(string? Outcome, long? Version);

public sealed record TakeTask(long? Version);

/// <summary>The counts in the top bar: open tasks of mine and of my pools, and how many of those are overdue.</summary>
public sealed record TaskCounts(int Open, int Overdue);
