namespace Steadfast.Automation.Rules;

/// <summary>The editor's working copy of a rule: mutable for the form's bindings, turned into the stored records on save.</summary>
public sealed class RuleForm
{
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public string? RecordType { get; set; } = "workorder";
    public bool Enabled { get; set; }
    public Guid? OwnerId { get; set; }
    public TriggerKind Trigger { get; set; }
    public string? TriggerField { get; set; }
    public string? ToValue { get; set; }

    /// <summary>Time trigger: how far before or after the date, in <see cref="OffsetUnit"/>.</summary>
    public int OffsetAmount { get; set; } = 1;
    public OffsetUnit OffsetUnit { get; set; } = OffsetUnit.Days;
    public bool Before { get; set; }
    public string At { get; set; } = "08:00";
    public ConditionsForm When { get; private set; } = new();
    public List<ActionForm> Actions { get; } = [];
    public string? Template { get; set; }

    public RuleDefinition ToDefinition() =>
        new()
        {
            Trigger = new RuleTrigger
            {
                Kind = Trigger,
                Field = Trigger is TriggerKind.Changed or TriggerKind.Time ? Blank(TriggerField) : null,
                ToValue = Trigger == TriggerKind.Changed ? Blank(ToValue) : null,
                OffsetMinutes = Trigger == TriggerKind.Time ? (Before ? -1 : 1) * OffsetAmount * (int)OffsetUnit : 0,
                At = Trigger == TriggerKind.Schedule ? At : null,
            },
            Conditions = When.ToConditions(),
            Actions = [.. Actions.Select(a => a.ToAction())],
        };

    public static RuleForm From(RuleDefinition def)
    {
        var form = new RuleForm
        {
            Trigger = def.Trigger.Kind,
            TriggerField = def.Trigger.Field,
            ToValue = def.Trigger.ToValue,
            Before = def.Trigger.OffsetMinutes < 0,
            At = def.Trigger.At ?? "08:00",
            When = ConditionsForm.From(def.Conditions),
        };
        var minutes = Math.Abs(def.Trigger.OffsetMinutes);
        // A time rule may fire on the date itself (a payment due today): zero days, not the one a new form starts with.
        var onTheDate = minutes == 0 && def.Trigger.Kind == TriggerKind.Time;
        form.OffsetUnit =
            (minutes > 0 || onTheDate) && minutes % (int)OffsetUnit.Days == 0 ? OffsetUnit.Days
            : minutes % (int)OffsetUnit.Hours == 0 ? OffsetUnit.Hours
            : OffsetUnit.Minutes;
        form.OffsetAmount = minutes == 0 && !onTheDate ? 1 : minutes / (int)form.OffsetUnit;
        form.Actions.AddRange(def.Actions.Select(ActionForm.From));
        return form;
    }

    internal static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

/// <summary>The editor's working copy of conditions, shared by rules and approval processes.</summary>
public sealed class ConditionsForm
{
    public MatchMode Match { get; set; }
    public List<ConditionForm> Items { get; } = [];
    public string? Expression { get; set; }

    public RuleConditions ToConditions() =>
        new()
        {
            Match = Match,
            Items = [.. Items.Select(c => new RuleCondition(c.Field ?? "", c.Op, c.Value))],
            Expression = RuleForm.Blank(Expression),
        };

    public static ConditionsForm From(RuleConditions c)
    {
        var form = new ConditionsForm { Match = c.Match, Expression = c.Expression };
        form.Items.AddRange(
            c.Items.Select(x => new ConditionForm
            {
                Field = x.Field,
                Op = x.Op,
                Value = x.Value,
            })
        );
        return form;
    }
}

public enum OffsetUnit
{
    Minutes = 1,
    Hours = 60,
    Days = 1440,
}

public sealed class ConditionForm
{
    public string? Field { get; set; }
    public ConditionOp Op { get; set; }
    public string? Value { get; set; }
}

public sealed class RecipientForm
{
    public RecipientKind Kind { get; set; } = RecipientKind.Role;
    public string? Value { get; set; }
}

public sealed class ActionForm
{
    public ActionKind Kind { get; set; }
    public List<RecipientForm> To { get; } = [];
    public bool Bell { get; set; } = true;
    public bool Mail { get; set; }
    public bool Robot { get; set; }
    public Guid? EndpointId { get; set; }
    public string? TextZh { get; set; }
    public string? TextEn { get; set; }
    public int? DueHours { get; set; }
    public bool BusinessHours { get; set; }
    public Tasks.TaskPriority Priority { get; set; } = Tasks.TaskPriority.Normal;
    public string? Field { get; set; }
    public string? Value { get; set; }

    public RuleAction ToAction() =>
        new()
        {
            Kind = Kind,
            To = Kind is ActionKind.Notify or ActionKind.CreateTask or ActionKind.Assign
                ? [.. To.Select(r => new Recipient(r.Kind, r.Value))]
                : [],
            Channels = Kind == ActionKind.Notify ? [.. Channels()] : [],
            EndpointId = Kind == ActionKind.Webhook || (Kind == ActionKind.Notify && Robot) ? EndpointId : null,
            TextZh = HasText(Kind) ? TextZh : null,
            TextEn = HasText(Kind) ? TextEn : null,
            DueHours = Kind == ActionKind.CreateTask ? DueHours : null,
            BusinessHours = Kind == ActionKind.CreateTask && BusinessHours,
            Priority = Priority,
            Field = Kind == ActionKind.SetField ? Field : null,
            Value = Kind == ActionKind.SetField ? (string.IsNullOrEmpty(Value) ? null : Value) : null,
        };

    public static bool HasText(ActionKind k) => k is ActionKind.Notify or ActionKind.CreateTask or ActionKind.Webhook;

    private IEnumerable<Channel> Channels()
    {
        if (Bell)
            yield return Channel.Bell;
        if (Mail)
            yield return Channel.Mail;
        if (Robot)
            yield return Channel.Robot;
    }

    public static ActionForm From(RuleAction a)
    {
        var form = new ActionForm
        {
            Kind = a.Kind,
            Bell = a.Channels.Contains(Channel.Bell),
            Mail = a.Channels.Contains(Channel.Mail),
            Robot = a.Channels.Contains(Channel.Robot),
            EndpointId = a.EndpointId,
            TextZh = a.TextZh,
            TextEn = a.TextEn,
            DueHours = a.DueHours,
            BusinessHours = a.BusinessHours,
            Priority = a.Priority,
            Field = a.Field,
            Value = a.Value,
        };
        form.To.AddRange(a.To.Select(r => new RecipientForm { Kind = r.Kind, Value = r.Value }));
        return form;
    }
}
