using System.Text.Json;
using System.Text.Json.Serialization;

namespace Steadfast.Automation.Rules;

public enum TriggerKind
{
    /// <summary>A record of the type is created.</summary>
    Created = 0,

    /// <summary>A record is changed; optionally a given field, optionally to a given value.</summary>
    Changed = 1,

    /// <summary>A time relative to a date field: minutes before (negative) or after it.</summary>
    Time = 2,

    /// <summary>Every day at a company-local time.</summary>
    Schedule = 3,
}

public enum ConditionOp
{
    Equals = 0,
    NotEquals = 1,
    GreaterThan = 2,
    AtLeast = 3,
    LessThan = 4,
    AtMost = 5,
    Contains = 6,
    IsEmpty = 7,
    IsNotEmpty = 8,
}

public enum MatchMode
{
    All = 0,
    Any = 1,
}

public enum ActionKind
{
    Notify = 0,
    CreateTask = 1,
    SetField = 2,
    Webhook = 3,

    /// <summary>Start the record type's approval process whose conditions hold, the record's owner asking.</summary>
    StartApproval = 4,

    /// <summary>Hand the record to one user (a user, a role's members in turn, a user field) through its own flow.</summary>
    Assign = 5,
}

public enum RecipientKind
{
    User = 0,

    /// <summary>The record's owner or assignee, as its type names it.</summary>
    Owner = 1,

    /// <summary>The manager of the owner's team.</summary>
    OwnersManager = 2,
    Role = 3,

    /// <summary>Everyone in a team.</summary>
    Team = 4,

    /// <summary>The user a user field names, the record's own or a related one's ("customer.OwnerId").</summary>
    Field = 5,
}

public enum Channel
{
    Bell = 0,
    Mail = 1,

    /// <summary>A WeCom, DingTalk or Feishu robot (a webhook endpoint of that format).</summary>
    Robot = 2,
}

public sealed record RuleTrigger
{
    public TriggerKind Kind { get; init; }

    /// <summary>Changed: the watched field (none = any). Time: the date field.</summary>
    public string? Field { get; init; }

    /// <summary>Changed: only when the field becomes this value.</summary>
    public string? ToValue { get; init; }

    /// <summary>Time: minutes after the date (negative: before).</summary>
    public int OffsetMinutes { get; init; }

    /// <summary>Schedule: "HH:mm" in the company's time zone.</summary>
    public string? At { get; init; }
}

public sealed record RuleCondition(string Field, ConditionOp Op, string? Value = null);

public sealed record RuleConditions
{
    public MatchMode Match { get; init; }
    public IReadOnlyList<RuleCondition> Items { get; init; } = [];

    /// <summary>An NCalc expression over the fields, for what the form cannot say; ANDed with the items.</summary>
    public string? Expression { get; init; }
}

public sealed record Recipient(RecipientKind Kind, string? Value = null);

public sealed record RuleAction
{
    public ActionKind Kind { get; init; }

    /// <summary>Notify, create task: who.</summary>
    public IReadOnlyList<Recipient> To { get; init; } = [];

    /// <summary>Notify: how.</summary>
    public IReadOnlyList<Channel> Channels { get; init; } = [];

    /// <summary>Notify by robot, webhook: the endpoint.</summary>
    public Guid? EndpointId { get; init; }

    /// <summary>Notify: the message; create task: its title. {Field} placeholders; Chinese and English.</summary>
    public string? TextZh { get; init; }
    public string? TextEn { get; init; }

    /// <summary>Create task: due this many hours after the rule fires.</summary>
    public int? DueHours { get; init; }

    /// <summary>Create task: the hours count working time of the company calendar.</summary>
    public bool BusinessHours { get; init; }
    public Tasks.TaskPriority Priority { get; init; } = Tasks.TaskPriority.Normal;

    /// <summary>Set field: which and to what.</summary>
    public string? Field { get; init; }
    public string? Value { get; init; }
}

/// <summary>What a rule does, stored as one JSON document on the rule and on each of its revisions.</summary>
public sealed record RuleDefinition
{
    public RuleTrigger Trigger { get; init; } = new();
    public RuleConditions Conditions { get; init; } = new();
    public IReadOnlyList<RuleAction> Actions { get; init; } = [];

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static RuleDefinition FromJson(string json) => JsonSerializer.Deserialize<RuleDefinition>(json, Json) ?? new();
}
