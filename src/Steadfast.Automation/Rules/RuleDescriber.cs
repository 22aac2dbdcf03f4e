using Microsoft.Extensions.Localization;
using Steadfast.Platform.Automation;
using Steadfast.Platform.Localization;

namespace Steadfast.Automation.Rules;

/// <summary>
/// A rule in plain words, in the reader's language: "When a work order is created and Severity is Production stopped,
/// notify Service manager by WeCom robot." What the editor shows under the form and the list shows per rule.
/// </summary>
internal sealed class RuleDescriber(IStringLocalizer<Strings> t)
{
    /// <summary>Names the describer needs that live in the database: users, teams, endpoints.</summary>
    public sealed record Names(IReadOnlyDictionary<string, string> ById)
    {
        public static readonly Names None = new(new Dictionary<string, string>());

        public string Of(string? id) => id is not null && ById.TryGetValue(id, out var n) ? n : id ?? "?";
    }

    public string Describe(RuleDefinition def, RecordTypeView? view, Names names)
    {
        var type = view is null ? "" : t[view.Type.LabelKey].Value;
        var tr = def.Trigger;
        var when = tr.Kind switch
        {
            TriggerKind.Created => t["Rules.Say.Created", type].Value,
            TriggerKind.Changed when tr.Field is null => t["Rules.Say.Changed", type].Value,
            TriggerKind.Changed when tr.ToValue is null => t["Rules.Say.ChangedField", type, Field(view, tr.Field)].Value,
            TriggerKind.Changed => t["Rules.Say.ChangedTo", type, Field(view, tr.Field), Value(view, tr.Field, tr.ToValue)].Value,
            TriggerKind.Time => t[
                tr.OffsetMinutes < 0 ? "Rules.Say.Before" : "Rules.Say.After",
                type,
                Field(view, tr.Field),
                Span(Math.Abs(tr.OffsetMinutes))
            ].Value,
            TriggerKind.Schedule => t["Rules.Say.Schedule", tr.At ?? ""].Value,
            _ => "",
        };
        var conditions = Conditions(def.Conditions, view);
        var actions = string.Join(t["Rules.Say.Then"], def.Actions.Select(a => Action(a, view, names)));
        return conditions.Length > 0 ? t["Rules.Say.WithConditions", when, conditions, actions] : t["Rules.Say.Plain", when, actions];
    }

    /// <summary>The conditions joined by "and" or "or"; empty when there are none.</summary>
    public string Conditions(RuleConditions c, RecordTypeView? view)
    {
        var parts = c
            .Items.Select(x =>
                x.Op is ConditionOp.IsEmpty or ConditionOp.IsNotEmpty
                    ? t[$"Rules.Say.Op.{x.Op}", Field(view, x.Field)].Value
                    : t[$"Rules.Say.Op.{x.Op}", Field(view, x.Field), Value(view, x.Field, x.Value)].Value
            )
            .ToList();
        var conditions = string.Join(c.Match == MatchMode.Any ? t["Rules.Say.Or"] : t["Rules.Say.And"], parts);
        if (!string.IsNullOrWhiteSpace(c.Expression))
            conditions = (conditions.Length > 0 ? conditions + t["Rules.Say.And"] : "") + t["Rules.Say.Expression", c.Expression];
        return conditions;
    }

    private string Action(RuleAction a, RecordTypeView? view, Names names) =>
        a.Kind switch
        {
            ActionKind.Notify => t[
                "Rules.Say.Notify",
                Recipients(a.To, names, view),
                string.Join(
                    t["Rules.Say.List"],
                    a.Channels.Select(c => c == Channel.Robot ? names.Of(a.EndpointId?.ToString()) : t[$"Rules.Channel.{c}"].Value)
                )
            ].Value,
            ActionKind.CreateTask when a.DueHours is { } h => t[
                a.BusinessHours ? "Rules.Say.TaskDueWorking" : "Rules.Say.TaskDue",
                Recipients(a.To, names, view),
                h
            ].Value,
            ActionKind.CreateTask => t["Rules.Say.Task", Recipients(a.To, names, view)].Value,
            ActionKind.SetField => t["Rules.Say.SetField", Field(view, a.Field), Value(view, a.Field, a.Value)].Value,
            ActionKind.Webhook => t["Rules.Say.Webhook", names.Of(a.EndpointId?.ToString())].Value,
            ActionKind.StartApproval => t["Rules.Say.StartApproval"].Value,
            ActionKind.Assign when a.To is [{ Kind: RecipientKind.Role } r] => t["Rules.Say.AssignInTurn", t[$"Role.{r.Value}"]].Value,
            ActionKind.Assign => t["Rules.Say.Assign", Recipients(a.To, names, view)].Value,
            _ => "",
        };

    private string Recipients(IEnumerable<Recipient> to, Names names, RecordTypeView? view) =>
        string.Join(
            t["Rules.Say.List"],
            to.Select(r =>
                r.Kind switch
                {
                    RecipientKind.Owner => t["Rules.Recipient.Owner"].Value,
                    RecipientKind.OwnersManager => t["Rules.Recipient.OwnersManager"].Value,
                    // A role not chosen yet reads as "a role" while the form is being filled in.
                    RecipientKind.Role => t[r.Value is null ? "Rules.Recipient.Role" : $"Role.{r.Value}"].Value,
                    RecipientKind.Field => t["Approvals.Say.FieldUser", Field(view, r.Value)].Value,
                    _ => names.Of(r.Value),
                }
            )
        );

    /// <summary>A value as the record holds it (an amount in fen), shown as a condition would name it (in yuan).</summary>
    public SeenValueDto Seen(RecordTypeView? view, SeenValue v) =>
        new(v.Field, Field(view, v.Field), v.Value, v.Value is null ? "—" : Value(view, v.Field, InYuan(view, v.Field, v.Value)));

    private static string InYuan(RecordTypeView? view, string field, string value) =>
        view?.Field(field)?.Kind == FieldKind.Money && RuleEvaluator.TryNumber(value, out var fen)
            ? (fen / 100m).ToString(System.Globalization.CultureInfo.InvariantCulture)
            : value;

    public string Field(RecordTypeView? view, string? name) =>
        view?.Field(name ?? "") is { } f ? f.Label ?? t[f.LabelKey].Value : name ?? "";

    public string Value(RecordTypeView? view, string? field, string? value)
    {
        if (value is null)
            return t["Rules.Say.Nothing"];
        var f = view?.Field(field ?? "");
        if (f?.ChoiceLabelPrefix is { } prefix)
        {
            var match = f.Choices.FirstOrDefault(c => string.Equals(c, value, StringComparison.OrdinalIgnoreCase)) ?? value;
            return t[prefix + match];
        }
        if (f?.Kind == FieldKind.Money && RuleEvaluator.TryNumber(value, out var yuan))
            return yuan.ToString("¥#,0.##", System.Globalization.CultureInfo.InvariantCulture);
        if (f?.Kind == FieldKind.Flag)
            return t[string.Equals(value, "True", StringComparison.OrdinalIgnoreCase) ? "Common.Yes" : "Common.No"];
        return value;
    }

    private string Span(int minutes) =>
        minutes >= 1440 && minutes % 1440 == 0 ? Count("Day", minutes / 1440)
        : minutes >= 60 && minutes % 60 == 0 ? Count("Hour", minutes / 60)
        : Count("Minute", minutes);

    private string Count(string unit, int n) => n == 1 ? t[$"Rules.Say.{unit}", n] : t[$"Rules.Say.{unit}s", n];
}
