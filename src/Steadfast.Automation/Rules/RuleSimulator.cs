using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Steadfast.Platform.Audit;
using Steadfast.Platform.CustomFields;
using Steadfast.Platform.Data;
using Steadfast.Platform.Ui;

namespace Steadfast.Automation.Rules;

/// <summary>One firing the simulator found: when, on what, the values the conditions saw, and what the actions would have done.</summary>
public sealed record SimulatedFiring(
    DateTime At,
    Guid? RecordId,
    string RecordTitle,
    string? RecordLink,
    IReadOnlyList<SeenValueDto> Values,
    IReadOnlyList<ActionDoneDto> Actions
);

/// <summary>A value a condition saw: as stored, and as the reader says it (a choice's name in their language).</summary>
public sealed record SeenValueDto(string Field, string Label, string? Value, string Shown);

public sealed record ActionDoneDto(ActionKind Kind, string Detail);

/// <summary>
/// What a rule would have done over the last days: every firing (the newest first, at most a page of them) and the
/// counts.
/// </summary>
public sealed record SimulationResult(int Days, int Examined, int Firings, bool Truncated, IReadOnlyList<SimulatedFiring> Items);

/// <summary>
/// The dry run: replays the audit log (each record's values rebuilt entry by entry, as the live run saw them at save
/// time) or the date fields of a time trigger, and lists what the rule would have done, doing nothing.
/// </summary>
internal sealed class RuleSimulator(
    AppDbContext db,
    ActionRunner actions,
    RuleDescriber describer,
    CompanyClock company,
    TimeProvider clock
)
{
    public const int MaxDays = 90;
    public const int MaxExamined = 20_000;
    public const int MaxListed = 200;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<SimulationResult> RunAsync(ActiveRule rule, RecordTypeView? view, int days, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var from = now.AddDays(-days);
        var firings = new List<SimulatedFiring>();
        var examined = 0;
        var count = 0;
        // Many events share a customer and a machine: their related values are read once per pair, not once per event.
        var related = new Dictionary<string, IReadOnlyDictionary<string, string?>>(StringComparer.Ordinal);
        var hidden = view?.Fields.Where(f => f.Hidden).Select(f => f.Name).ToList() ?? [];

        async Task ConsiderAsync(DateTime at, Guid? recordId, Dictionary<string, string?> own)
        {
            examined++;
            var all = new Dictionary<string, string?>(own, StringComparer.Ordinal);
            if (view is not null)
            {
                var key = string.Join("|", hidden.Select(h => own.GetValueOrDefault(h)));
                if (!related.TryGetValue(key, out var values))
                    related[key] = values = await view.Type.RelatedAsync(db, own, ct);
                foreach (var (k, v) in values)
                    all[k] = v;
            }
            var (matched, seen) = RuleEvaluator.Evaluate(rule.Definition.Conditions, view?.Fields ?? [], all);
            if (!matched)
                return;
            count++;
            if (firings.Count >= MaxListed)
                return;
            var fire = new FireContext(rule, view, recordId, all);
            var done = await actions.RunAsync(fire, dry: true, ct);
            firings.Add(
                new SimulatedFiring(
                    at,
                    recordId,
                    fire.Title,
                    recordId is { } id ? view?.Type.Link(id) : null,
                    [.. seen.Select(s => describer.Seen(view, s))],
                    [.. done.Select(d => new ActionDoneDto(d.Kind, d.Detail))]
                )
            );
        }

        switch (rule.Definition.Trigger.Kind)
        {
            case TriggerKind.Created or TriggerKind.Changed when view is not null:
                await ReplayAuditAsync(rule, view, from, ConsiderAsync, ct);
                break;
            case TriggerKind.Time when view?.Field(rule.Definition.Trigger.Field ?? "") is { } field:
                var offset = TimeSpan.FromMinutes(rule.Definition.Trigger.OffsetMinutes);
                foreach (var (id, at) in await RuleClock.DueAsync(db, view.Type, field, offset, from, now, MaxExamined, company, ct))
                    if (await RecordValues.LoadAsync(db, view.Type, id, ct) is { } values)
                        await ConsiderAsync(at, id, values);
                break;
            case TriggerKind.Schedule
                when TimeOnly.TryParse(rule.Definition.Trigger.At, System.Globalization.CultureInfo.InvariantCulture, out var time):
                for (var at = Platform.Jobs.DailyJobs.NextAt(company, from, time); at <= now; at = at.AddDays(1))
                    await ConsiderAsync(at, null, []);
                break;
        }
        firings.Reverse();
        return new SimulationResult(days, examined, count, count > firings.Count || examined >= MaxExamined, firings);
    }

    /// <summary>
    /// Each audited create or change of the type in the window becomes the event the live run would have judged: the record's
    /// values rebuilt from its audit history up to that entry, and the fields that entry changed.
    /// </summary>
    private async Task ReplayAuditAsync(
        ActiveRule rule,
        RecordTypeView view,
        DateTime from,
        Func<DateTime, Guid?, Dictionary<string, string?>, Task> consider,
        CancellationToken ct
    )
    {
        var type = view.Type.Name;
        var entries = await db.Set<AuditEntry>()
            .AsNoTracking()
            .Where(a => a.AtUtc >= from && a.EntityType == type && a.Action != AuditAction.Deleted)
            .OrderBy(a => a.AtUtc)
            .ThenBy(a => a.Id)
            .Take(MaxExamined)
            .ToListAsync(ct);
        // The rule's own changes never trigger it, live or here.
        var self = $"rule: {rule.Name}";
        var states = new Dictionary<string, Dictionary<string, string?>>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (!states.TryGetValue(entry.EntityId, out var state))
                states[entry.EntityId] = state = await HistoryBeforeAsync(type, entry, view, ct);
            var changes = Apply(state, entry, view);
            if (!Guid.TryParse(entry.EntityId, out var id) || entry.UserName == self)
                continue;
            var e = new RecordEvent(type, id, entry.Action == AuditAction.Created, state, changes, null, 0, entry.AtUtc);
            if (RuleEventHandler.Matches(rule.Definition.Trigger, e))
                await consider(entry.AtUtc, id, new Dictionary<string, string?>(state, StringComparer.Ordinal));
        }
    }

    private async Task<Dictionary<string, string?>> HistoryBeforeAsync(
        string type,
        AuditEntry entry,
        RecordTypeView view,
        CancellationToken ct
    )
    {
        var state = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (entry.Action == AuditAction.Created)
            return state;
        var earlier = await db.Set<AuditEntry>()
            .AsNoTracking()
            .Where(a => a.EntityType == type && a.EntityId == entry.EntityId && a.AtUtc < entry.AtUtc)
            .OrderBy(a => a.AtUtc)
            .ThenBy(a => a.Id)
            .ToListAsync(ct);
        foreach (var e in earlier)
            Apply(state, e, view);
        return state;
    }

    /// <summary>Moves the rebuilt values on by one audit entry; returns what it changed among the fields rules watch.</summary>
    private static List<FieldChange> Apply(Dictionary<string, string?> state, AuditEntry entry, RecordTypeView view)
    {
        var changes = new List<FieldChange>();
        foreach (var c in JsonSerializer.Deserialize<List<FieldChange>>(entry.Changes, Json) ?? [])
        {
            if (c.Field == nameof(IHasCustomFields.CustomFields))
            {
                var before = CustomFieldValues.FromJson(c.Old);
                var after = CustomFieldValues.FromJson(c.New);
                changes.AddRange(RecordValues.CustomChanges(before, after));
                RecordValues.AddCustom(state, after);
                continue;
            }
            if (view.Field(c.Field) is not { Related: false })
                continue;
            state[c.Field] = c.New;
            if (c.Old != c.New)
                changes.Add(c);
        }
        return entry.Action == AuditAction.Created ? [] : changes;
    }
}
