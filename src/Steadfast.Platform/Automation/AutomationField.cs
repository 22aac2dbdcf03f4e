namespace Steadfast.Platform.Automation;

/// <summary>What a field holds, which decides the comparisons a condition may make on it and the triggers it may carry.</summary>
public enum FieldKind
{
    Text = 0,
    Number = 1,

    /// <summary>A point in time (UTC), e.g. when an order was reported.</summary>
    DateTime = 2,

    /// <summary>A calendar date in the company's time zone, e.g. when a warranty ends.</summary>
    Date = 3,
    Choice = 4,
    Flag = 5,

    /// <summary>A user's id, e.g. the owner or the assignee.</summary>
    User = 6,

    /// <summary>An amount stored in fen and read, typed and compared in yuan ("amount ≥ 50000" means ¥50,000).</summary>
    Money = 7,
}

/// <summary>
/// One field of a record type that rules may read (conditions, message placeholders), watch (a change trigger), set, or
/// time from. A name with a dot ("customer.Tier") is read from a related record when a rule runs and cannot be watched.
/// </summary>
public sealed record AutomationField(string Name, FieldKind Kind, string LabelKey)
{
    /// <summary>The allowed values of a choice (enum names), in order.</summary>
    public IReadOnlyList<string> Choices { get; init; } = [];

    /// <summary>A string-table prefix naming each choice in the reader's language: prefix + value.</summary>
    public string? ChoiceLabelPrefix { get; init; }

    /// <summary>A rule action may set it: safe to change outside the record's own flow.</summary>
    public bool Settable { get; init; }

    /// <summary>The column is indexed, so a time trigger can find the records that fall due without a scan.</summary>
    public bool Timed { get; init; }

    /// <summary>Read for the related values (a customer id), not offered in the editor.</summary>
    public bool Hidden { get; init; }

    /// <summary>A custom field's label is the admin's own text, not a string key.</summary>
    public string? Label { get; init; }

    public bool Related => Name.Contains('.', StringComparison.Ordinal);
}
