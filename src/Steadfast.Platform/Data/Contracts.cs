namespace Steadfast.Platform.Data;

/// <summary>A record edited by users: carries a version checked on every update (409 when stale).</summary>
public interface IVersioned
{
    long Version { get; set; }
}

/// <summary>A business record: every change to it is written to the audit log.</summary>
public interface IAudited;

/// <summary>A record type that carries admin-defined custom fields.</summary>
public interface IHasCustomFields
{
    Guid Id { get; }
    CustomFields.CustomFieldValues CustomFields { get; set; }
}

/// <summary>A record that may be private to its author: when private, the audit log keeps that it changed, not what it says.</summary>
public interface IPrivateRecord
{
    bool IsPrivate { get; }
}

/// <summary>
/// A module's part in every save: called with the entries about to be written, before the audit rows are
/// made, so whatever it adds to the context is written in the same transaction (and audited if it is audited).
/// </summary>
public interface ISaveHook
{
    void OnSaving(
        Microsoft.EntityFrameworkCore.DbContext db,
        IReadOnlyList<Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry> entries,
        DateTime nowUtc
    );
}

/// <summary>A column derived from others (a search index's text): left out of the audit log, whose record is the source.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class NotAuditedAttribute : Attribute;
