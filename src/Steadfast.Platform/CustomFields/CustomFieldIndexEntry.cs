namespace Steadfast.Platform.CustomFields;

/// <summary>
/// One searchable value of a custom field. The JSON on the record is the truth; these rows exist so
/// that lists can filter and sort by a custom field with an index on both SQLite and PostgreSQL.
/// </summary>
public class CustomFieldIndexEntry
{
    public Guid Id { get; set; }
    public string RecordType { get; set; } = "";
    public Guid RecordId { get; set; }
    public string FieldKey { get; set; } = "";
    public string? Text { get; set; }
    public double? Number { get; set; }
    public DateTime? Date { get; set; }
}
