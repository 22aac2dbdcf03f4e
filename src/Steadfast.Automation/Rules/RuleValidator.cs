using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Steadfast.Platform.Api;
using Steadfast.Platform.Automation;
using Steadfast.Platform.Company;
using Steadfast.Platform.Data;
using Steadfast.Platform.Identity;
using Steadfast.Platform.Localization;
using Steadfast.Platform.Notifications;

namespace Steadfast.Automation.Rules;

/// <summary>
/// Checks a rule before it is saved or simulated: every field, value, placeholder, recipient and endpoint it names must
/// exist and fit, each error keyed by its place in the rule ("actions[0].to[1].value").
/// </summary>
internal sealed class RuleValidator(AppDbContext db, IStringLocalizer<Strings> t)
{
    public const int MaxText = 2000;
    public const int MaxItems = 20;
    public const int MaxOffsetMinutes = 366 * 24 * 60;

    public async Task CheckAsync(RuleDefinition def, RecordTypeView? view, ValidationErrors errors, CancellationToken ct)
    {
        var trigger = def.Trigger;
        var schedule = trigger.Kind == TriggerKind.Schedule;
        if (!Enum.IsDefined(trigger.Kind))
            errors.Add("definition.trigger.kind", t["Common.Error.Choice"]);
        if (view is null && !schedule)
            return; // the record type itself is reported by the caller
        CheckTrigger(trigger, view, errors);
        CheckConditions(def.Conditions, schedule ? null : view, errors);
        if (def.Actions.Count == 0)
            errors.Add("definition.actions", t["Rules.Error.NoActions"]);
        if (def.Actions.Count > MaxItems)
            errors.Add("definition.actions", t["Rules.Error.TooMany", MaxItems]);
        for (var i = 0; i < def.Actions.Count; i++)
            await CheckActionAsync(def.Actions[i], $"definition.actions[{i}]", schedule ? null : view, errors, ct);
    }

    private void CheckTrigger(RuleTrigger trigger, RecordTypeView? view, ValidationErrors errors)
    {
        const string at = "definition.trigger";
        switch (trigger.Kind)
        {
            case TriggerKind.Changed when trigger.Field is { } name:
                if (view!.Field(name) is not { Related: false } field)
                    errors.Add($"{at}.field", t["Rules.Error.UnknownField", name]);
                else if (trigger.ToValue is { } to && !Fits(field, to))
                    errors.Add($"{at}.toValue", t["Rules.Error.BadValue", to, Describe(field)]);
                break;
            case TriggerKind.Time:
                if (trigger.Field is not { } dateField || view!.Field(dateField) is not { } f)
                    errors.Add($"{at}.field", t["Rules.Error.UnknownField", trigger.Field ?? ""]);
                else if (f.Kind is not (FieldKind.Date or FieldKind.DateTime) || !f.Timed)
                    errors.Add($"{at}.field", t["Rules.Error.NotATimeField", dateField]);
                if (Math.Abs(trigger.OffsetMinutes) > MaxOffsetMinutes)
                    errors.Add($"{at}.offsetMinutes", t["Common.Error.Range", -MaxOffsetMinutes, MaxOffsetMinutes]);
                break;
            case TriggerKind.Schedule:
                if (!TimeOnly.TryParseExact(trigger.At, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                    errors.Add($"{at}.at", t["Rules.Error.BadTime", trigger.At ?? ""]);
                break;
        }
    }

    public void CheckConditions(
        RuleConditions conditions,
        RecordTypeView? view,
        ValidationErrors errors,
        string at = "definition.conditions"
    )
    {
        if (!Enum.IsDefined(conditions.Match))
            errors.Add($"{at}.match", t["Common.Error.Choice"]);
        if (conditions.Items.Count > MaxItems)
            errors.Add($"{at}.items", t["Rules.Error.TooMany", MaxItems]);
        var fields = view?.Fields ?? [];
        for (var i = 0; i < conditions.Items.Count; i++)
        {
            var c = conditions.Items[i];
            var field = fields.FirstOrDefault(f => f.Name == c.Field);
            if (field is null)
                errors.Add($"{at}.items[{i}].field", t["Rules.Error.UnknownField", c.Field ?? ""]);
            else if (!Enum.IsDefined(c.Op) || !OpFits(field.Kind, c.Op))
                errors.Add($"{at}.items[{i}].op", t["Rules.Error.BadOp", c.Op.ToString(), Describe(field)]);
            else if (c.Op is not (ConditionOp.IsEmpty or ConditionOp.IsNotEmpty) && (c.Value is null || !Fits(field, c.Value)))
                errors.Add($"{at}.items[{i}].value", t["Rules.Error.BadValue", c.Value ?? "", Describe(field)]);
        }
        if (string.IsNullOrWhiteSpace(conditions.Expression))
            return;
        if (conditions.Expression.Length > MaxText)
        {
            errors.Add($"{at}.expression", t["Common.Error.MaxLength", MaxText]);
            return;
        }
        try
        {
            var e = RuleEvaluator.Expression(conditions.Expression);
            if (e.HasErrors())
            {
                errors.Add($"{at}.expression", t["Rules.Error.Expression", e.Error?.Message ?? ""]);
                return;
            }
            foreach (var name in e.GetParameterNames().Where(n => fields.All(f => f.Name != n)))
                errors.Add($"{at}.expression", t["Rules.Error.UnknownField", name]);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            errors.Add($"{at}.expression", t["Rules.Error.Expression", ex.Message]);
        }
    }

    private async Task CheckActionAsync(RuleAction a, string at, RecordTypeView? view, ValidationErrors errors, CancellationToken ct)
    {
        if (!Enum.IsDefined(a.Kind))
        {
            errors.Add($"{at}.kind", t["Common.Error.Choice"]);
            return;
        }
        var fields = view?.Fields ?? [];
        if (a.Kind is ActionKind.Notify or ActionKind.CreateTask or ActionKind.Webhook)
        {
            if (string.IsNullOrWhiteSpace(a.TextZh) && string.IsNullOrWhiteSpace(a.TextEn))
                errors.Add($"{at}.textZh", t["Rules.Error.Text"]);
            foreach (var (name, text) in new[] { ("textZh", a.TextZh), ("textEn", a.TextEn) })
            {
                if ((text?.Length ?? 0) > MaxText)
                    errors.Add($"{at}.{name}", t["Common.Error.MaxLength", MaxText]);
                foreach (var p in Placeholders.Names(text).Where(p => !Placeholders.BuiltIn.Contains(p) && fields.All(f => f.Name != p)))
                    errors.Add($"{at}.{name}", t["Rules.Error.Placeholder", "{" + p + "}"]);
            }
        }
        switch (a.Kind)
        {
            case ActionKind.Notify:
                if (a.Channels.Count == 0 || a.Channels.Any(c => !Enum.IsDefined(c)))
                    errors.Add($"{at}.channels", t["Rules.Error.Channels"]);
                var people = a.Channels.Any(c => c is Channel.Bell or Channel.Mail);
                if (people && a.To.Count == 0)
                    errors.Add($"{at}.to", t["Rules.Error.NoRecipients"]);
                if (a.Channels.Contains(Channel.Robot))
                    await CheckEndpointAsync(a.EndpointId, robot: true, $"{at}.endpointId", errors, ct);
                await CheckRecipientsAsync(a.To, at, view, errors, ct);
                break;
            case ActionKind.CreateTask:
                if (a.To.Count == 0)
                    errors.Add($"{at}.to", t["Rules.Error.NoRecipients"]);
                if (a.DueHours is < 0 or > 8760)
                    errors.Add($"{at}.dueHours", t["Common.Error.Range", 0, 8760]);
                if (!Enum.IsDefined(a.Priority))
                    errors.Add($"{at}.priority", t["Common.Error.Choice"]);
                await CheckRecipientsAsync(a.To, at, view, errors, ct);
                break;
            case ActionKind.SetField:
                if (view is null)
                    errors.Add($"{at}.kind", t["Rules.Error.NeedsRecord"]);
                else if (a.Field is not { } name || view.Field(name) is not { } field)
                    errors.Add($"{at}.field", t["Rules.Error.UnknownField", a.Field ?? ""]);
                else if (!field.Settable)
                    errors.Add($"{at}.field", t["Rules.Error.NotSettable", name]);
                else if (a.Value is not null && !Fits(field, a.Value))
                    errors.Add($"{at}.value", t["Rules.Error.BadValue", a.Value, Describe(field)]);
                break;
            case ActionKind.Webhook:
                await CheckEndpointAsync(a.EndpointId, robot: false, $"{at}.endpointId", errors, ct);
                break;
            case ActionKind.StartApproval:
                if (view is null)
                    errors.Add($"{at}.kind", t["Rules.Error.NeedsRecord"]);
                else if (!await db.Set<Approvals.ApprovalProcess>().AnyAsync(p => p.RecordType == view.Type.Name && p.Enabled, ct))
                    errors.Add($"{at}.kind", t["Rules.Error.NoProcess", t[view.Type.LabelKey]]);
                break;
            case ActionKind.Assign:
                if (view is null)
                    errors.Add($"{at}.kind", t["Rules.Error.NeedsRecord"]);
                else if (!view.Type.CanAssign)
                    errors.Add($"{at}.kind", t["Rules.Error.NotAssignable", t[view.Type.LabelKey]]);
                if (a.To.Count != 1)
                    errors.Add($"{at}.to", t["Rules.Error.OneAssignee"]);
                else if (a.To[0].Kind is RecipientKind.Team)
                    errors.Add($"{at}.to[0].kind", t["Common.Error.Choice"]);
                await CheckRecipientsAsync(a.To, at, view, errors, ct);
                break;
        }
    }

    private async Task CheckRecipientsAsync(
        IReadOnlyList<Recipient> to,
        string at,
        RecordTypeView? view,
        ValidationErrors errors,
        CancellationToken ct
    )
    {
        if (to.Count > MaxItems)
            errors.Add($"{at}.to", t["Rules.Error.TooMany", MaxItems]);
        for (var i = 0; i < to.Count; i++)
        {
            var r = to[i];
            var place = $"{at}.to[{i}]";
            switch (r.Kind)
            {
                case RecipientKind.User:
                    if (!Guid.TryParse(r.Value, out var id) || !await db.ActiveInRoles([.. Roles.Internal]).AnyAsync(u => u.Id == id, ct))
                        errors.Add($"{place}.value", t["Rules.Error.User"]);
                    break;
                case RecipientKind.Owner or RecipientKind.OwnersManager:
                    if (view?.Type.OwnerField is null)
                        errors.Add($"{place}.kind", t["Rules.Error.NoOwner"]);
                    break;
                case RecipientKind.Role:
                    if (r.Value is null || !Roles.Internal.Contains(r.Value))
                        errors.Add($"{place}.value", QueryValues.Unknown(t, r.Value ?? "", Roles.Internal));
                    break;
                case RecipientKind.Team:
                    if (!Guid.TryParse(r.Value, out var team) || !await db.Set<Team>().AnyAsync(x => x.Id == team, ct))
                        errors.Add($"{place}.value", t["Rules.Error.Team"]);
                    break;
                case RecipientKind.Field:
                    if (view?.Field(r.Value ?? "") is not { Kind: FieldKind.User })
                        errors.Add($"{place}.value", t["Approvals.Error.NotAUserField", r.Value ?? ""]);
                    break;
                default:
                    errors.Add($"{place}.kind", t["Common.Error.Choice"]);
                    break;
            }
        }
    }

    private async Task CheckEndpointAsync(Guid? id, bool robot, string at, ValidationErrors errors, CancellationToken ct)
    {
        var hook = id is { } e ? await db.Set<WebhookEndpoint>().AsNoTracking().SingleOrDefaultAsync(w => w.Id == e, ct) : null;
        if (hook is not { IsActive: true })
            errors.Add(at, t["Rules.Error.Endpoint"]);
        else if (robot && hook.Format == WebhookFormat.Json)
            errors.Add(at, t["Rules.Error.NotARobot", hook.Name]);
    }

    private static bool OpFits(FieldKind kind, ConditionOp op) =>
        op switch
        {
            ConditionOp.GreaterThan or ConditionOp.AtLeast or ConditionOp.LessThan or ConditionOp.AtMost => kind
                is FieldKind.Number
                    or FieldKind.Money
                    or FieldKind.Date
                    or FieldKind.DateTime,
            ConditionOp.Contains => kind is FieldKind.Text,
            _ => true,
        };

    /// <summary>Whether a value a person typed fits the field: a number, a date, one of the choices, yes/no, a user id.</summary>
    public static bool Fits(AutomationField field, string value) =>
        field.Kind switch
        {
            FieldKind.Number or FieldKind.Money => RuleEvaluator.TryNumber(value, out _),
            FieldKind.Date => RuleEvaluator.TryDate(value, out _),
            FieldKind.DateTime => RuleEvaluator.TryTime(value, out _),
            FieldKind.Choice => field.Choices.Count == 0 || field.Choices.Contains(value, StringComparer.OrdinalIgnoreCase),
            FieldKind.Flag => bool.TryParse(value, out _),
            FieldKind.User => Guid.TryParse(value, out _),
            _ => value.Length <= MaxText,
        };

    private string Describe(AutomationField field) =>
        field.Kind == FieldKind.Choice && field.Choices.Count > 0 ? string.Join(", ", field.Choices) : t[$"Rules.Kind.{field.Kind}"];
}
