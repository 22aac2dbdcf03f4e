namespace Steadfast.Platform.ImportExport;

public enum ImportMode
{
    GoodRows = 0,
    AllOrNothing = 1,
}

public enum ImportStatus
{
    Queued = 0,
    Running = 1,
    Completed = 2,
    Failed = 3,
}

/// <summary>A field a target accepts; labels match spreadsheet headers when suggesting a mapping.</summary>
public sealed record ImportField(string Key, string LabelEn, string LabelZh, bool Required, string Hint = "");

/// <summary>One spreadsheet row after mapping: cells by field key, as read (string, number or date).</summary>
public sealed record ImportRow(int Number, IReadOnlyDictionary<string, object?> Cells);

/// <summary>What went wrong with one row, per field.</summary>
public sealed record RowError(int Row, IReadOnlyDictionary<string, string[]> Errors);

/// <summary>
/// A record type that can be imported. A new instance serves one import job: it may cache lookups
/// across batches. It validates and stages each good row (no save); the engine saves and commits.
/// </summary>
public interface IImportTarget
{
    string Name { get; }
    IReadOnlyList<ImportField> Fields { get; }

    /// <summary>Who may import into it: the managers of master data, unless the target says otherwise (receipts: finance).</summary>
    IReadOnlyList<string> Roles => [Identity.Roles.Admin, Identity.Roles.SalesManager, Identity.Roles.ServiceManager];

    /// <summary>Validates and stages the rows; returns the rows that failed (nothing staged for them).</summary>
    Task<IReadOnlyList<RowError>> StageAsync(IReadOnlyList<ImportRow> rows, CancellationToken ct);

    /// <summary>Called after every save: staged entities are gone from the change tracker.</summary>
    void Flushed();
}

public sealed record ImportTargetDto(string Name, IReadOnlyList<ImportField> Fields);
