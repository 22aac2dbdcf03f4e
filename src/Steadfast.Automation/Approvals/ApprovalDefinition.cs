using System.Text.Json;
using Steadfast.Automation.Rules;

namespace Steadfast.Automation.Approvals;

public enum ApproverKind
{
    User = 0,

    /// <summary>Everyone holding a role (a pool: "any of" them, or "all of" them).</summary>
    Role = 1,

    /// <summary>The manager of the requester's team.</summary>
    RequestersManager = 2,

    /// <summary>The manager of the record owner's team.</summary>
    OwnersManager = 3,

    /// <summary>The user a user field of the record names (the order's assignee).</summary>
    Field = 4,

    /// <summary>Escalation only: the manager of the step's approvers' team (the department head).</summary>
    ApproversManager = 5,
}

public enum StepMode
{
    /// <summary>One approval of the step's approvers is enough.</summary>
    Any = 0,

    /// <summary>Every approver of the step must approve.</summary>
    All = 1,
}

public sealed record Approver(ApproverKind Kind, string? Value = null);

public sealed record ApprovalStep
{
    public string Name { get; init; } = "";
    public Approver Approver { get; init; } = new(ApproverKind.Role);
    public StepMode Mode { get; init; }

    /// <summary>Working hours of the company calendar the step may take before it escalates; none: no limit.</summary>
    public int? LimitHours { get; init; }

    /// <summary>Who takes the step over when the limit passes; none: the approvers are reminded only.</summary>
    public Approver? EscalateTo { get; init; }
}

/// <summary>When a process applies (conditions on the record, as a rule's) and the steps it takes, in order.</summary>
public sealed record ProcessDefinition
{
    public RuleConditions Conditions { get; init; } = new();
    public IReadOnlyList<ApprovalStep> Steps { get; init; } = [];

    public string ToJson() => JsonSerializer.Serialize(this, RuleDefinition.Json);

    public static ProcessDefinition FromJson(string json) =>
        JsonSerializer.Deserialize<ProcessDefinition>(json, RuleDefinition.Json) ?? new();
}
