using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Steadfast.Platform.Audit;
using Steadfast.Platform.Automation;
using Steadfast.Platform.CustomFields;
using Steadfast.Platform.Data;
using Steadfast.Platform.Identity;
using Steadfast.Platform.Notifications;

namespace Steadfast.Automation.Rules;

/// <summary>
/// Runs one rule for one event: reads the related values, checks the conditions and, when they hold, carries out the
/// actions and writes the run-log row in one save. A (rule, event) pair already done is skipped, so a retried event or
/// one two nodes both picked up runs each rule's actions once.
/// </summary>
internal sealed class RuleRunner(IServiceScopeFactory scopes, TimeProvider clock, ILogger<RuleRunner> log)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Returns false when the rule failed; the failure is in the run log and the caller retries later.</summary>
    public async Task<bool> RunAsync(
        ActiveRule rule,
        string eventKey,
        Guid? recordId,
        IReadOnlyDictionary<string, string?>? values,
        int depth,
        CancellationToken ct
    )
    {
        RuleRun? run = null;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var sp = scope.ServiceProvider;
            var db = sp.GetRequiredService<AppDbContext>();
            run = await db.Set<RuleRun>().SingleOrDefaultAsync(r => r.RuleId == rule.Id && r.EventKey == eventKey, ct);
            if (run is { Outcome: RunOutcome.Done })
                return true;
            var view =
                rule.RecordType.Length == 0
                    ? null
                    : await sp.GetRequiredService<RecordTypes>()
                        .ViewAsync(rule.RecordType, sp.GetRequiredService<CustomFieldService>(), ct);
            var all = new Dictionary<string, string?>(StringComparer.Ordinal);
            if (view is not null && recordId is { } id)
            {
                var own = values ?? await RecordValues.LoadAsync(db, view.Type, id, ct);
                if (own is null)
                    return true; // the record is gone: nothing to act on
                foreach (var (k, v) in own)
                    all[k] = v;
                foreach (var (k, v) in await view.Type.RelatedAsync(db, own, ct))
                    all[k] = v;
            }
            var (matched, seen) = RuleEvaluator.Evaluate(rule.Definition.Conditions, view?.Fields ?? [], all);
            if (!matched)
                return true;
            sp.GetRequiredService<AutomationScope>().Enter(rule.Id, depth);
            // The audit log names the rule as the one who changed what its actions change.
            sp.GetRequiredService<CurrentActor>()
                .Use(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, $"rule: {rule.Name}")], "rule")));
            var fire = new FireContext(rule, view, recordId, all);
            // One transaction: an action that saves through its record's own flow (assign) commits with the run, or not at all.
            await db.InTransactionAsync(
                async () =>
                {
                    var done = await sp.GetRequiredService<ActionRunner>().RunAsync(fire, dry: false, ct);
                    var now = clock.GetUtcNow().UtcDateTime;
                    run ??= NewRun(db, rule.Id, eventKey);
                    Fill(run, rule, view, recordId, fire.Title, now, depth);
                    run.Outcome = RunOutcome.Done;
                    run.Values = JsonSerializer.Serialize(seen, Json);
                    run.Actions = JsonSerializer.Serialize(done, Json);
                    run.Error = null;
                    run.Attempts++;
                    await db.SaveChangesAsync(ct);
                    return 0;
                },
                ct
            );
            return true;
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            // Another node ran this rule for this event first: the unique (rule, event) pair held.
            if (ex is DbUpdateException && await DoneElsewhereAsync(rule.Id, eventKey, ct))
                return true;
            log.LogWarning(ex, "Rule {Rule} failed on {Event}", rule.Id, eventKey);
            await RecordFailureAsync(rule, eventKey, recordId, depth, ex, ct);
            return false;
        }
    }

    private static RuleRun NewRun(AppDbContext db, Guid ruleId, string eventKey) =>
        db.Add(
            new RuleRun
            {
                Id = Guid.CreateVersion7(),
                RuleId = ruleId,
                EventKey = eventKey,
            }
        ).Entity;

    private static void Fill(RuleRun run, ActiveRule rule, RecordTypeView? view, Guid? recordId, string title, DateTime now, int depth)
    {
        run.Revision = rule.Revision;
        run.RecordType = view?.Type.Name ?? "";
        run.RecordId = recordId;
        run.RecordTitle = title.Length > 200 ? title[..200] : title;
        run.AtUtc = now;
        run.Depth = depth;
    }

    /// <summary>In a scope of its own, since the failed one may hold half-made changes. The owner hears of the first failure.</summary>
    private async Task RecordFailureAsync(
        ActiveRule rule,
        string eventKey,
        Guid? recordId,
        int depth,
        Exception error,
        CancellationToken ct
    )
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var run = await db.Set<RuleRun>().SingleOrDefaultAsync(r => r.RuleId == rule.Id && r.EventKey == eventKey, ct);
        var first = run is null;
        run ??= NewRun(db, rule.Id, eventKey);
        Fill(run, rule, null, recordId, run.RecordTitle, clock.GetUtcNow().UtcDateTime, depth);
        run.RecordType = rule.RecordType;
        run.Outcome = RunOutcome.Failed;
        run.Attempts++;
        run.Error = error.Message.Length > 2000 ? error.Message[..2000] : error.Message;
        if (first)
        {
            // A rule shipped with the product has no owner: its failures go to the admins.
            var to = rule.OwnerId != Guid.Empty ? [rule.OwnerId] : await db.ActiveInRoles(Roles.Admin).Select(u => u.Id).ToListAsync(ct);
            scope
                .ServiceProvider.GetRequiredService<Notifier>()
                .NotifyUsers("RuleFailed", to, $"/automation/rules/{rule.Id}", [rule.Name, run.Error], mail: true);
        }
        await db.SaveChangesAsync(ct);
    }

    private async Task<bool> DoneElsewhereAsync(Guid ruleId, string eventKey, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope
            .ServiceProvider.GetRequiredService<AppDbContext>()
            .Set<RuleRun>()
            .AnyAsync(r => r.RuleId == ruleId && r.EventKey == eventKey && r.Outcome == RunOutcome.Done, ct);
    }
}
