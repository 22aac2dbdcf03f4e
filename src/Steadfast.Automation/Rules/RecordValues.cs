using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Steadfast.Platform.Audit;
using Steadfast.Platform.Automation;
using Steadfast.Platform.CustomFields;
using Steadfast.Platform.Data;

namespace Steadfast.Automation.Rules;

/// <summary>
/// A record's values as rules read them: strings in the audit log's form, so that a live run (from the tracked entity)
/// and the simulator (from the audit log) see the very same values.
/// </summary>
internal static class RecordValues
{
    public static Dictionary<string, string?> FromEntry(EntityEntry entry, AutomationRecordType type)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var field in type.Fields)
        {
            if (field.Related || entry.Metadata.FindProperty(field.Name) is null)
                continue;
            values[field.Name] = RecordChangesInterceptor.Format(field.Name, entry.Property(field.Name).CurrentValue);
        }
        if (entry.Entity is IHasCustomFields withFields)
            AddCustom(values, withFields.CustomFields);
        return values;
    }

    public static void AddCustom(Dictionary<string, string?> values, CustomFieldValues custom)
    {
        foreach (var key in values.Keys.Where(k => k.StartsWith(RecordTypes.CustomPrefix, StringComparison.Ordinal)).ToList())
            values.Remove(key);
        foreach (var (key, value) in custom.Values)
            values[RecordTypes.CustomPrefix + key] = RecordTypes.CustomValue(value);
    }

    /// <summary>The fields whose value differs between the entry's original and current values (custom fields one by one).</summary>
    public static List<FieldChange> Changes(EntityEntry entry, AutomationRecordType type)
    {
        var changes = new List<FieldChange>();
        foreach (var field in type.Fields)
        {
            if (field.Related || entry.Metadata.FindProperty(field.Name) is null)
                continue;
            var p = entry.Property(field.Name);
            if (!p.IsModified)
                continue;
            var (old, now) = (
                RecordChangesInterceptor.Format(field.Name, p.OriginalValue),
                RecordChangesInterceptor.Format(field.Name, p.CurrentValue)
            );
            if (old != now)
                changes.Add(new FieldChange(field.Name, old, now));
        }
        if (entry.Entity is IHasCustomFields && entry.Property(nameof(IHasCustomFields.CustomFields)) is { IsModified: true } cf)
            changes.AddRange(CustomChanges(cf.OriginalValue as CustomFieldValues, cf.CurrentValue as CustomFieldValues));
        return changes;
    }

    public static IEnumerable<FieldChange> CustomChanges(CustomFieldValues? before, CustomFieldValues? after)
    {
        var keys = (before?.Values.Keys ?? []).Union(after?.Values.Keys ?? [], StringComparer.Ordinal);
        foreach (var key in keys)
        {
            var old = before is not null && before.TryGet(key, out var o) ? RecordTypes.CustomValue(o) : null;
            var now = after is not null && after.TryGet(key, out var n) ? RecordTypes.CustomValue(n) : null;
            if (old != now)
                yield return new FieldChange(RecordTypes.CustomPrefix + key, old, now);
        }
    }

    /// <summary>
    /// The record as it is now: from the caller's unit of work when it is there (a request being created), else read from
    /// the database and let go again (a time trigger's record at its time).
    /// </summary>
    public static async Task<Dictionary<string, string?>?> LoadAsync(
        AppDbContext db,
        AutomationRecordType type,
        Guid id,
        CancellationToken ct
    )
    {
        var local = db
            .ChangeTracker.Entries()
            .FirstOrDefault(e => e.Entity.GetType() == type.Entity && Equals(e.Property("Id").CurrentValue, id));
        if (local is not null)
            return FromEntry(local, type);
        var entity = await db.FindAsync(type.Entity, [id], ct);
        if (entity is null)
            return null;
        var entry = db.Entry(entity);
        var values = FromEntry(entry, type);
        entry.State = EntityState.Detached;
        return values;
    }
}
