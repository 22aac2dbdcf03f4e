using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Steadfast.Platform.Data;
using Steadfast.Platform.Outbox;

namespace Steadfast.Automation.Rules;

/// <summary>A rule to run for one record (a time trigger come due) or none (a schedule), under a key that makes it once.</summary>
internal sealed record FireRequest(Guid RuleId, Guid? RecordId, string EventKey);

/// <summary>
/// Works a queued record event: every rule enabled now on the record type whose trigger matches runs, except the rule
/// whose own action caused the change. If one fails, the event is retried with the outbox's back-off; rules already
/// done for it are skipped then.
/// </summary>
internal sealed class RuleEventHandler : IOutboxHandler
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    public string Type => RuleEvents.MessageType;

    public async Task HandleAsync(OutboxMessage message, IServiceProvider services, CancellationToken ct)
    {
        var e = JsonSerializer.Deserialize<RecordEvent>(message.Payload, Json)!;
        var db = services.GetRequiredService<AppDbContext>();
        var runner = services.GetRequiredService<RuleRunner>();
        var own = services.GetRequiredService<RecordTypes>().Find(e.RecordType)?.Fields ?? [];
        var failed = 0;
        // Which rules are on is read now, not taken from memory: a rule switched off on another node a moment ago does not run.
        foreach (var rule in await services.GetRequiredService<RuleIndex>().EnabledAsync(db, e.RecordType, ct))
        {
            // Not the rule whose own action made this change, nor one switched on after the change was saved; and not one
            // whose conditions on the record's own fields already fail (most rules, most events: no further reads).
            if (
                rule.Id == e.CauseRuleId
                || rule.EnabledAtUtc > e.AtUtc
                || !Matches(rule.Definition.Trigger, e)
                || !RuleEvaluator.MayMatch(rule.Definition.Conditions, own, e.Values)
            )
                continue;
            if (!await runner.RunAsync(rule, message.Id.ToString(), e.RecordId, e.Values, e.Depth + 1, ct))
                failed++;
        }
        if (failed > 0)
            throw new InvalidOperationException($"{failed} rule(s) failed; see their run logs");
    }

    public static bool Matches(RuleTrigger trigger, RecordEvent e) =>
        trigger.Kind switch
        {
            TriggerKind.Created => e.Created,
            TriggerKind.Changed => !e.Created
                && e.Changes.Any(c =>
                    (trigger.Field is null || c.Field == trigger.Field)
                    && (trigger.ToValue is null || string.Equals(c.New, trigger.ToValue, StringComparison.OrdinalIgnoreCase))
                ),
            _ => false,
        };
}

/// <summary>Runs one rule for one due record (or a schedule's day); retried by the outbox until it succeeds.</summary>
internal sealed class RuleFireHandler : IOutboxHandler
{
    public const string MessageType = "automation.fire";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    public string Type => MessageType;

    public async Task HandleAsync(OutboxMessage message, IServiceProvider services, CancellationToken ct)
    {
        var request = JsonSerializer.Deserialize<FireRequest>(message.Payload, Json)!;
        var db = services.GetRequiredService<AppDbContext>();
        if (await RuleStore.ActiveAsync(db, request.RuleId, ct) is not { } rule)
            return; // switched off since it came due
        if (!await services.GetRequiredService<RuleRunner>().RunAsync(rule, request.EventKey, request.RecordId, null, 1, ct))
            throw new InvalidOperationException("The rule failed; see its run log");
    }
}

/// <summary>Reads enabled rules as the runner needs them.</summary>
internal static class RuleStore
{
    public static async Task<ActiveRule?> ActiveAsync(AppDbContext db, Guid id, CancellationToken ct) =>
        await db.Set<Rule>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == id && r.Enabled, ct) is { } r ? Active(r) : null;

    public static ActiveRule Active(Rule r) =>
        new(r.Id, r.Name, r.Revision, r.RecordType, RuleDefinition.FromJson(r.Definition), r.OwnerId) { EnabledAtUtc = r.EnabledAtUtc };

    public static string Day(DateTime local) => local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
