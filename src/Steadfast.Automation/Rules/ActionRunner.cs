using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Steadfast.Automation.Tasks;
using Steadfast.Platform.Automation;
using Steadfast.Platform.Company;
using Steadfast.Platform.CustomFields;
using Steadfast.Platform.Data;
using Steadfast.Platform.Identity;
using Steadfast.Platform.Localization;
using Steadfast.Platform.Notifications;
using Steadfast.Platform.Ui;

namespace Steadfast.Automation.Rules;

/// <summary>What one action did, for the run log: its kind and a plain account (who was told, which field got what).</summary>
internal sealed record ActionDone(ActionKind Kind, string Detail);

/// <summary>What a rule acts on when it fires: the record (none for a schedule), its values, and the rule.</summary>
internal sealed record FireContext(ActiveRule Rule, RecordTypeView? View, Guid? RecordId, IReadOnlyDictionary<string, string?> Values)
{
    public string Title => View is { } v ? Values.GetValueOrDefault(v.Type.TitleField) ?? "" : "";
    public string Link => View is { } v && RecordId is { } id ? v.Type.Link(id) : $"/automation/rules/{Rule.Id}";
}

/// <summary>
/// Carries out a rule's actions inside the caller's unit of work: rows are added, nothing is sent or saved here, so
/// the actions and the run-log row commit together or not at all, and sending goes through the outbox.
/// </summary>
internal sealed class ActionRunner(
    AppDbContext db,
    Notifier notifier,
    StringTables tables,
    CompanyClock companyClock,
    ConfigCache config,
    Microsoft.Extensions.Configuration.IConfiguration settings,
    Approvals.ApprovalEngine approvals,
    IServiceProvider services,
    TimeProvider clock
)
{
    public const string NotificationKind = "Rule";
    private static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-CN");
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en");

    private Dictionary<string, string?> _userNames = [];

    /// <summary>
    /// Carries the actions out; with <paramref name="dry"/> (the simulator) only says what they would do, in the same
    /// words.
    /// </summary>
    public async Task<List<ActionDone>> RunAsync(FireContext fire, bool dry, CancellationToken ct)
    {
        var userFields = (fire.View?.Fields ?? []).Where(f => f.Kind == FieldKind.User).Select(f => f.Name).ToList();
        var ids = userFields.Select(f => Guid.TryParse(fire.Values.GetValueOrDefault(f), out var id) ? id : Guid.Empty).ToList();
        var names = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        _userNames = userFields.Zip(ids).Where(x => names.ContainsKey(x.Second)).ToDictionary(x => x.First, x => (string?)names[x.Second]);
        var done = new List<ActionDone>();
        foreach (var action in fire.Rule.Definition.Actions)
            done.Add(
                action.Kind switch
                {
                    ActionKind.Notify => await NotifyAsync(fire, action, dry, ct),
                    ActionKind.CreateTask => await CreateTaskAsync(fire, action, dry, ct),
                    ActionKind.SetField => await SetFieldAsync(fire, action, dry, ct),
                    ActionKind.Webhook => await WebhookAsync(fire, action, dry, ct),
                    ActionKind.StartApproval => await StartApprovalAsync(fire, dry, ct),
                    ActionKind.Assign => await AssignAsync(fire, action, dry, ct),
                    _ => throw new InvalidOperationException($"Unknown action {action.Kind}"),
                }
            );
        return done;
    }

    public string Render(FireContext fire, string? text, CultureInfo culture)
    {
        var values = new Dictionary<string, string?>(fire.Values, StringComparer.Ordinal);
        // A user field reads as the person's name in a message, not as their id.
        foreach (var (field, name) in _userNames)
            values[field] = name;
        var builtIn = new Dictionary<string, string?>
        {
            ["record"] = fire.Title,
            ["link"] = NotificationText.Absolute(settings, fire.Link),
            ["rule"] = fire.Rule.Name,
            ["date"] = DateOnly.FromDateTime(companyClock.ToLocal(clock.GetUtcNow().UtcDateTime)).ToString("yyyy-MM-dd", culture),
        };
        foreach (var (k, v) in builtIn)
            values[k] = v;
        return Placeholders.Render(text, fire.View?.Fields ?? [], values, tables, culture, companyClock.ToLocal);
    }

    /// <summary>The message in both languages, so each reader (and the robot) gets theirs; one falls back on the other.</summary>
    private string[] Args(FireContext fire, RuleAction action)
    {
        var zh = Render(fire, string.IsNullOrWhiteSpace(action.TextZh) ? action.TextEn : action.TextZh, Zh);
        var en = Render(fire, string.IsNullOrWhiteSpace(action.TextEn) ? action.TextZh : action.TextEn, En);
        return [fire.Rule.Name, zh, en];
    }

    private async Task<ActionDone> NotifyAsync(FireContext fire, RuleAction action, bool dry, CancellationToken ct)
    {
        var users = await UsersAsync(fire, action.To, ct);
        var args = Args(fire, action);
        var parts = new List<string>();
        if (users.Count > 0 && (action.Channels.Contains(Channel.Bell) || action.Channels.Contains(Channel.Mail)))
        {
            if (!dry)
                notifier.NotifyUsers(NotificationKind, users, fire.Link, args, mail: action.Channels.Contains(Channel.Mail));
            parts.Add(await NamesAsync(users, ct));
        }
        if (action.Channels.Contains(Channel.Robot) && action.EndpointId is { } robot)
        {
            var name = await EndpointAsync(robot, dry, ct);
            if (!dry)
                notifier.PostTo(robot, NotificationKind, args, fire.Link);
            parts.Add(name);
        }
        return new ActionDone(ActionKind.Notify, string.Join(" · ", parts));
    }

    private async Task<ActionDone> CreateTaskAsync(FireContext fire, RuleAction action, bool dry, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        DateTime? due = null;
        if (action.DueHours is { } hours)
            due = action.BusinessHours
                ? (await BusinessCalendar.LoadAsync(db, config, ct)).Add(now, TimeSpan.FromHours(hours))
                : now.AddHours(hours);
        var targets = new List<(Guid? User, string? Pool)>();
        foreach (var r in action.To)
            if (r.Kind == RecipientKind.Role)
                targets.Add((null, r.Value));
            else
                targets.AddRange((await UsersAsync(fire, [r], ct)).Select(u => ((Guid?)u, (string?)null)));
        var cultures = await db
            .Users.AsNoTracking()
            .Where(u => targets.Select(x => x.User).Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.Culture, ct);
        foreach (var (user, pool) in dry ? [] : targets.Distinct().ToList())
        {
            var culture = user is { } u && cultures.GetValueOrDefault(u) is { } c && c.StartsWith("en", StringComparison.Ordinal) ? En : Zh;
            var text = culture == En ? action.TextEn ?? action.TextZh : action.TextZh ?? action.TextEn;
            db.Add(
                new WorkTask
                {
                    Id = Guid.CreateVersion7(),
                    Title = Clip(Render(fire, text, culture), TaskService.MaxTitle),
                    RecordType = fire.View?.Type.Name,
                    RecordId = fire.RecordId,
                    RecordTitle = Clip(fire.Title, 200),
                    AssigneeId = user,
                    PoolRole = pool,
                    DueAtUtc = due,
                    Priority = action.Priority,
                    CreatedByName = fire.Rule.Name,
                    RuleId = fire.Rule.Id,
                    CreatedAtUtc = now,
                }
            );
        }
        var who = await NamesAsync([.. targets.Where(x => x.User is not null).Select(x => x.User!.Value)], ct);
        var pools = string.Join(", ", targets.Where(x => x.Pool is not null).Select(x => x.Pool));
        return new ActionDone(ActionKind.CreateTask, string.Join(" · ", new[] { who, pools }.Where(s => s.Length > 0)));
    }

    private async Task<ActionDone> SetFieldAsync(FireContext fire, RuleAction action, bool dry, CancellationToken ct)
    {
        if (fire.View is not { } view || fire.RecordId is not { } id || action.Field is not { } field)
            throw new InvalidOperationException("A field can only be set on a record.");
        var done = new ActionDone(ActionKind.SetField, $"{field} = {action.Value}");
        if (dry)
            return done;
        var entity = await db.FindAsync(view.Type.Entity, [id], ct) ?? throw new InvalidOperationException("The record is gone.");
        if (field.StartsWith(RecordTypes.CustomPrefix, StringComparison.Ordinal))
        {
            var record = (IHasCustomFields)entity;
            var key = field[RecordTypes.CustomPrefix.Length..];
            var kind = view.Field(field)?.Kind ?? FieldKind.Text;
            var values = record.CustomFields.Values.ToDictionary(v => v.Key, v => v.Value);
            if (action.Value is null)
                values.Remove(key);
            else
                values[key] = JsonSerializer.SerializeToElement(CustomJson(kind, action.Value));
            record.CustomFields = new CustomFieldValues(values);
        }
        else
        {
            var property = db.Entry(entity).Property(field);
            property.CurrentValue = Convert(property.Metadata.ClrType, action.Value);
        }
        return done;
    }

    private async Task<ActionDone> WebhookAsync(FireContext fire, RuleAction action, bool dry, CancellationToken ct)
    {
        var endpoint = action.EndpointId ?? throw new InvalidOperationException("No endpoint.");
        var name = await EndpointAsync(endpoint, dry, ct);
        if (!dry)
            notifier.PostTo(endpoint, NotificationKind, Args(fire, action), fire.Link);
        return new ActionDone(ActionKind.Webhook, name);
    }

    /// <summary>Starts the approval whose process fits the record, asked by its owner (or the rule's owner); one at a time.</summary>
    private async Task<ActionDone> StartApprovalAsync(FireContext fire, bool dry, CancellationToken ct)
    {
        if (fire.View is not { } view || fire.RecordId is not { } id)
            throw new InvalidOperationException("An approval is started for a record.");
        if (await approvals.FindAsync(view.Type.Name, id, ct) is { Status: Platform.Automation.ApprovalStatus.Pending } open)
            return new ActionDone(ActionKind.StartApproval, $"{open.ProcessName} ({open.StepName})");
        var process = await approvals.ChooseAsync(view, fire.Values, ct);
        if (process is null || dry)
            return new ActionDone(ActionKind.StartApproval, process?.Name ?? "—");
        var owner = view.Type.OwnerField is { } of && Guid.TryParse(fire.Values.GetValueOrDefault(of), out var o) ? o : fire.Rule.OwnerId;
        var started = await approvals.StartAsync(view.Type.Name, id, owner, ct);
        return new ActionDone(ActionKind.StartApproval, started is null ? "—" : $"{started.ProcessName} ({started.StepName})");
    }

    /// <summary>Hands the record to one user; a role's active members take turns, in the order of this rule's runs.</summary>
    private async Task<ActionDone> AssignAsync(FireContext fire, RuleAction action, bool dry, CancellationToken ct)
    {
        if (fire.View is not { } view || fire.RecordId is not { } id || action.To.Count == 0)
            throw new InvalidOperationException("A record is assigned to one recipient.");
        var to = action.To[0];
        Guid? user;
        if (to.Kind == RecipientKind.Role)
        {
            var members = await db.ActiveInRoles(to.Value ?? "").OrderBy(u => u.Id).Select(u => u.Id).ToListAsync(ct);
            var turn = await db.Set<RuleRun>().CountAsync(r => r.RuleId == fire.Rule.Id && r.Outcome == RunOutcome.Done, ct);
            user = members.Count == 0 ? null : members[turn % members.Count];
        }
        else
            user = (await UsersAsync(fire, [to], ct)).FirstOrDefault();
        if (user is not { } u || u == Guid.Empty)
            throw new InvalidOperationException("Nobody to assign the record to: the recipient names no active user.");
        if (!dry)
            await view.Type.AssignAsync(services, id, u, ct);
        return new ActionDone(ActionKind.Assign, await NamesAsync([u], ct));
    }

    /// <summary>
    /// An endpoint switched off or removed since the rule was saved is a failure the owner must hear of, not a silent
    /// drop.
    /// </summary>
    private async Task<string> EndpointAsync(Guid id, bool dry, CancellationToken ct)
    {
        var hook = await db.Set<WebhookEndpoint>()
            .AsNoTracking()
            .Where(w => w.Id == id)
            .Select(w => new { w.Name, w.IsActive })
            .SingleOrDefaultAsync(ct);
        return hook switch
        {
            _ when dry => hook?.Name ?? "?",
            null => throw new InvalidOperationException($"The webhook endpoint {id} no longer exists."),
            { IsActive: false } => throw new InvalidOperationException($"The webhook endpoint “{hook.Name}” is switched off."),
            _ => hook.Name,
        };
    }

    /// <summary>The active users the recipients name now: the record's owner, their manager, a role's or team's members.</summary>
    public async Task<List<Guid>> UsersAsync(FireContext fire, IEnumerable<Recipient> recipients, CancellationToken ct)
    {
        var users = new List<Guid>();
        var owner = fire.View?.Type.OwnerField is { } of && Guid.TryParse(fire.Values.GetValueOrDefault(of), out var o) ? o : (Guid?)null;
        foreach (var r in recipients)
            switch (r.Kind)
            {
                case RecipientKind.User when Guid.TryParse(r.Value, out var u):
                    users.Add(u);
                    break;
                case RecipientKind.Owner when owner is { } ow:
                    users.Add(ow);
                    break;
                case RecipientKind.OwnersManager when owner is { } ow:
                    var manager = await db
                        .Users.Where(x => x.Id == ow && x.TeamId != null)
                        .Join(db.Set<Team>(), x => x.TeamId, tm => tm.Id, (x, tm) => tm.ManagerId)
                        .SingleOrDefaultAsync(ct);
                    if (manager is { } m)
                        users.Add(m);
                    break;
                case RecipientKind.Role when r.Value is { } role:
                    users.AddRange(await db.ActiveInRoles(role).Select(x => x.Id).ToListAsync(ct));
                    break;
                case RecipientKind.Field when Guid.TryParse(fire.Values.GetValueOrDefault(r.Value ?? ""), out var f):
                    users.Add(f);
                    break;
                case RecipientKind.Team when Guid.TryParse(r.Value, out var team):
                    users.AddRange(await db.Users.Where(x => x.TeamId == team && x.IsActive).Select(x => x.Id).ToListAsync(ct));
                    break;
            }
        var distinct = users.Distinct().ToList();
        return await db.Users.Where(x => distinct.Contains(x.Id) && x.IsActive).Select(x => x.Id).ToListAsync(ct);
    }

    private async Task<string> NamesAsync(List<Guid> users, CancellationToken ct) =>
        string.Join(
            ", ",
            await db.Users.Where(x => users.Contains(x.Id)).OrderBy(x => x.DisplayName).Select(x => x.DisplayName).ToListAsync(ct)
        );

    private static string Clip(string s, int max) => s.Length <= max ? s : s[..max];

    private static object CustomJson(FieldKind kind, string value) =>
        kind switch
        {
            FieldKind.Number when RuleEvaluator.TryNumber(value, out var n) => n,
            FieldKind.Flag => string.Equals(value, "True", StringComparison.OrdinalIgnoreCase),
            _ => value,
        };

    /// <summary>A rule's value (checked on save) as the property's type.</summary>
    public static object? Convert(Type type, string? value)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (value is null)
            return null;
        if (target.IsEnum)
            return Enum.Parse(target, value, ignoreCase: true);
        if (target == typeof(string))
            return value;
        if (target == typeof(bool))
            return bool.Parse(value);
        if (target == typeof(Guid))
            return Guid.Parse(value);
        if (target == typeof(DateOnly))
            return RuleEvaluator.TryDate(value, out var d) ? d : throw new FormatException(value);
        return System.Convert.ChangeType(value, target, CultureInfo.InvariantCulture);
    }
}
