using Steadfast.Platform.Data;

namespace Steadfast.Platform.Automation;

/// <summary>
/// A kind of record that rules can watch and act on, registered by the module that owns it as a singleton (work
/// orders by Service, customers and machines by Customers). Custom fields of the type are added by the registry.
/// </summary>
public abstract class AutomationRecordType
{
    /// <summary>The record type's name as the audit log and custom fields know it ("workorder").</summary>
    public abstract string Name { get; }

    /// <summary>The EF entity whose saves are watched.</summary>
    public abstract Type Entity { get; }
    public abstract string LabelKey { get; }

    /// <summary>The fields of the entity itself (property names) and of related records (dotted names).</summary>
    public abstract IReadOnlyList<AutomationField> Fields { get; }

    /// <summary>The field that names the record in messages (a number, a name).</summary>
    public abstract string TitleField { get; }

    /// <summary>The user responsible for the record, if any ("the owner" in a rule).</summary>
    public virtual string? OwnerField => null;

    /// <summary>A rule's "assign" action may hand the record to a user (see <see cref="AssignAsync"/>).</summary>
    public virtual bool CanAssign => false;

    /// <summary>
    /// Hands the record to the user through the record's own flow, inside the rule's unit of work (the caller saves); throws
    /// with the reason when the record cannot be handed over now.
    /// </summary>
    public virtual Task AssignAsync(IServiceProvider services, Guid recordId, Guid userId, CancellationToken ct) =>
        throw new NotSupportedException($"{Name} records cannot be assigned by a rule.");

    /// <summary>The record's page.</summary>
    public abstract string Link(Guid id);

    /// <summary>
    /// The values of the dotted fields, read when a rule runs from the record's hidden fields (its customer's and machine's ids):
    /// the simulator reads them once per distinct set of hidden values.
    /// </summary>
    public virtual Task<IReadOnlyDictionary<string, string?>> RelatedAsync(
        AppDbContext db,
        IReadOnlyDictionary<string, string?> values,
        CancellationToken ct
    ) => Task.FromResult<IReadOnlyDictionary<string, string?>>(new Dictionary<string, string?>());
}
