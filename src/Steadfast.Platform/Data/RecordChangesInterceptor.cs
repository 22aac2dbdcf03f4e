using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Steadfast.Platform.Audit;
using Steadfast.Platform.CustomFields;
using Steadfast.Platform.Identity;

namespace Steadfast.Platform.Data;

/// <summary>
/// Everything that must happen with every save, in the same transaction: versions move on, audit
/// rows record who changed what from what to what, and custom-field index rows follow the values.
/// </summary>
public sealed class RecordChangesInterceptor(CurrentActor actor, TimeProvider clock, ConfigCache config, IEnumerable<ISaveHook> hooks)
    : SaveChangesInterceptor
{
    // Secrets and bookkeeping that would only make the audit log noisy or dangerous.
    private static readonly HashSet<string> Skipped = new(StringComparer.Ordinal)
    {
        nameof(AppUser.SecurityStamp),
        nameof(AppUser.ConcurrencyStamp),
        nameof(AppUser.NormalizedEmail),
        nameof(AppUser.NormalizedUserName),
        nameof(IVersioned.Version),
        nameof(ApiToken.TokenHash),
    };
    private static readonly HashSet<string> Redacted = new(StringComparer.Ordinal) { nameof(AppUser.PasswordHash) };

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } db)
            ApplyAsync(db, sync: true, default).GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData,
        InterceptionResult<int> result,
        CancellationToken cancellationToken = default
    )
    {
        if (eventData.Context is { } db)
            await ApplyAsync(db, sync: false, cancellationToken);
        return result;
    }

    // A configuration save moves the cache's generation before it writes and again once written, so a
    // value read in between (still the old one) is never kept for the new generation.
    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (_configChanged)
            config.Changed();
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(
        SaveChangesCompletedEventData eventData,
        int result,
        CancellationToken cancellationToken = default
    )
    {
        if (_configChanged)
            config.Changed();
        return ValueTask.FromResult(result);
    }

    private bool _configChanged;

    private async Task ApplyAsync(DbContext db, bool sync, CancellationToken ct)
    {
        // Entries() detects changes itself unless that is switched off (bulk loads); once is enough.
        if (!db.ChangeTracker.AutoDetectChangesEnabled)
            db.ChangeTracker.DetectChanges();
        var now = clock.GetUtcNow().UtcDateTime;
        var entries = db
            .ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .ToList();

        foreach (var hook in hooks)
            hook.OnSaving(db, entries, now);
        _configChanged = entries.Any(e => e.Entity is IConfigRecord);
        if (_configChanged)
            config.Changed();
        foreach (var entry in entries)
        {
            if (entry.Entity is AuditEntry && entry.State != EntityState.Added)
                throw new InvalidOperationException("The audit log is append-only.");

            if (entry.Entity is IVersioned versioned)
            {
                if (entry.State == EntityState.Added && versioned.Version < 1)
                    versioned.Version = 1;
                if (entry.State == EntityState.Modified)
                    versioned.Version = (long)entry.Property(nameof(IVersioned.Version)).OriginalValue! + 1;
            }

            if (entry.Entity is IHasCustomFields withFields)
                await ReindexAsync(db, entry, withFields, sync, ct);

            var audit = entry.Entity switch
            {
                IAudited => AuditOf(entry),
                IdentityUserRole<Guid> link => await RoleChangeAsync(db, entry, link, sync, ct),
                _ => null,
            };
            if (audit is null)
                continue;
            audit.Id = Guid.CreateVersion7();
            audit.AtUtc = now;
            audit.UserId = actor.UserId;
            audit.UserName = actor.Name;
            db.Add(audit);
        }
    }

    private static async Task ReindexAsync(DbContext db, EntityEntry entry, IHasCustomFields record, bool sync, CancellationToken ct)
    {
        var changed = entry.State != EntityState.Modified || entry.Property(nameof(IHasCustomFields.CustomFields)).IsModified;
        if (!changed)
            return;
        var recordType = CustomFieldQuery.RecordTypeOf(entry.Metadata.ClrType);
        if (entry.State != EntityState.Added)
        {
            var query = db.Set<CustomFieldIndexEntry>().Where(i => i.RecordType == recordType && i.RecordId == record.Id);
            var old = sync ? [.. query] : await query.ToListAsync(ct);
            db.Set<CustomFieldIndexEntry>().RemoveRange(old);
        }
        if (entry.State != EntityState.Deleted)
            db.Set<CustomFieldIndexEntry>().AddRange(CustomFieldValidator.IndexRows(recordType, record.Id, record.CustomFields));
    }

    private static AuditEntry AuditOf(EntityEntry entry)
    {
        var changes = new List<FieldChange>();
        // A private note's words are its author's alone: the log records that it changed, never what it says.
        var secret = entry.Entity is IPrivateRecord { IsPrivate: true };
        foreach (var p in entry.Properties)
        {
            var name = p.Metadata.Name;
            if (Skipped.Contains(name) || p.Metadata.PropertyInfo?.IsDefined(typeof(NotAuditedAttribute), false) == true)
                continue;
            if (secret && p.Metadata.ClrType == typeof(string))
            {
                if (entry.State == EntityState.Modified && !p.IsModified)
                    continue;
                changes.Add(new(name, entry.State == EntityState.Added ? null : "***", entry.State == EntityState.Deleted ? null : "***"));
                continue;
            }
            switch (entry.State)
            {
                case EntityState.Added when p.CurrentValue is not null && !p.Metadata.IsPrimaryKey():
                    changes.Add(new(name, null, Format(name, p.CurrentValue)));
                    break;
                case EntityState.Modified when p.IsModified && !Equals(Format(name, p.OriginalValue), Format(name, p.CurrentValue)):
                    changes.Add(new(name, Format(name, p.OriginalValue), Format(name, p.CurrentValue)));
                    break;
                case EntityState.Deleted when p.OriginalValue is not null && !p.Metadata.IsPrimaryKey():
                    changes.Add(new(name, Format(name, p.OriginalValue), null));
                    break;
            }
        }
        return new AuditEntry
        {
            EntityType = EntityTypeName(entry.Metadata.ClrType),
            EntityId = KeyOf(entry),
            Action = entry.State switch
            {
                EntityState.Added => AuditAction.Created,
                EntityState.Deleted => AuditAction.Deleted,
                _ => AuditAction.Updated,
            },
            Changes = JsonSerializer.Serialize(changes, AuditJson.Options),
        };
    }

    private static async Task<AuditEntry> RoleChangeAsync(
        DbContext db,
        EntityEntry entry,
        IdentityUserRole<Guid> link,
        bool sync,
        CancellationToken ct
    )
    {
        var role = sync ? db.Set<AppRole>().Find(link.RoleId) : await db.Set<AppRole>().FindAsync([link.RoleId], ct);
        var added = entry.State == EntityState.Added;
        var change = new FieldChange("Role", added ? null : role?.Name, added ? role?.Name : null);
        return new AuditEntry
        {
            EntityType = EntityTypeName(typeof(AppUser)),
            EntityId = link.UserId.ToString(),
            Action = AuditAction.Updated,
            Changes = JsonSerializer.Serialize(new[] { change }, AuditJson.Options),
        };
    }

    // Cached: reading the attribute by reflection on every audited save showed in a create's CPU profile.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, string> TypeNames = new();

    public static string EntityTypeName(Type type) =>
        TypeNames.GetOrAdd(type, static t =>
            t.GetCustomAttributes(typeof(RecordTypeAttribute), false).FirstOrDefault() is RecordTypeAttribute a ? a.Name : t.Name
        );

    private static string KeyOf(EntityEntry entry) =>
        string.Join(
            ",",
            entry
                .Metadata.FindPrimaryKey()!
                .Properties.Select(p => Convert.ToString(entry.Property(p.Name).CurrentValue, CultureInfo.InvariantCulture))
        );

    /// <summary>
    /// A value as the audit log writes it; rules read records in the same form, so a replay of the log matches a live
    /// run.
    /// </summary>
    public static string? Format(string name, object? value)
    {
        if (value is null)
            return null;
        if (
            Redacted.Contains(name)
            || name.EndsWith("Secret", StringComparison.Ordinal)
            || name.EndsWith("Password", StringComparison.Ordinal)
        )
            return "***";
        return value switch
        {
            DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
            DateTimeOffset d => d.ToString("O", CultureInfo.InvariantCulture),
            CustomFieldValues v => v.ToJson(),
            System.Collections.IEnumerable e and not string => JsonSerializer.Serialize(e),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };
    }
}

internal static class AuditJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
