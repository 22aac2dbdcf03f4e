using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Steadfast.Platform.Audit;
using Steadfast.Platform.Automation;
using Steadfast.Platform.Data;
using Steadfast.Platform.Outbox;

namespace Steadfast.Automation.Rules;

/// <summary>A record created or changed, as the rules that listen to it will judge it: its values at that moment.</summary>
internal sealed record RecordEvent(
    string RecordType,
    Guid RecordId,
    bool Created,
    Dictionary<string, string?> Values,
    List<FieldChange> Changes,
    Guid? CauseRuleId,
    int Depth,
    DateTime AtUtc
);

/// <summary>
/// Watches every save for records that enabled rules listen to and queues one event per such record, in the same
/// transaction. Nothing is evaluated here: the save pays for one outbox row, whatever the number of rules.
/// </summary>
internal sealed class RuleEvents(RuleIndex index, RecordTypes types, AutomationScope scope) : ISaveHook
{
    public const string MessageType = "automation.event";

    public void OnSaving(DbContext db, IReadOnlyList<EntityEntry> entries, DateTime nowUtc)
    {
        if (index.Rules.Count == 0)
            return;
        foreach (var entry in entries)
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified) || types.OfEntity(entry.Metadata.ClrType) is not { } type)
                continue;
            var created = entry.State == EntityState.Added;
            // Asked of the rules in memory before any value is formatted: a type nobody listens to costs a lookup.
            if (!index.Listens(type.Name, created ? TriggerKind.Created : TriggerKind.Changed))
                continue;
            var changes = created ? [] : RecordValues.Changes(entry, type);
            if (!created && (changes.Count == 0 || !Listens(type.Name, changes)))
                continue;
            var app = (AppDbContext)db;
            var id = (Guid)entry.Property("Id").CurrentValue!;
            // A chain of rules setting fields that trigger each other stops here, and says so in the run log.
            if (scope.RuleId is { } cause && scope.Depth >= AutomationScope.MaxDepth)
            {
                app.Add(
                    new RuleRun
                    {
                        Id = Guid.CreateVersion7(),
                        RuleId = cause,
                        EventKey = $"loop:{id}:{nowUtc.Ticks}",
                        RecordType = type.Name,
                        RecordId = id,
                        AtUtc = nowUtc,
                        Outcome = RunOutcome.LoopStopped,
                        Depth = scope.Depth,
                        Error = $"depth {scope.Depth}",
                    }
                );
                continue;
            }
            app.Enqueue(
                MessageType,
                new RecordEvent(type.Name, id, created, RecordValues.FromEntry(entry, type), changes, scope.RuleId, scope.Depth, nowUtc),
                nowUtc
            );
        }
    }

    private bool Listens(string recordType, List<FieldChange> changes)
    {
        foreach (var rule in index.For(recordType))
        {
            var t = rule.Definition.Trigger;
            if (t.Kind == TriggerKind.Changed && (t.Field is null || changes.Any(c => c.Field == t.Field)))
                return true;
        }
        return false;
    }
}
