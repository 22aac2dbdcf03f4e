using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Steadfast.Platform.Api;
using Steadfast.Platform.Audit;
using Steadfast.Platform.Data;
using Steadfast.Platform.Files;
using Steadfast.Platform.Jobs;
using Steadfast.Platform.Localization;

namespace Steadfast.Platform.ImportExport;

public sealed record ImportPreview(
    string Target,
    IReadOnlyList<string> Headers,
    IReadOnlyDictionary<string, string> SuggestedMapping,
    IReadOnlyList<IReadOnlyDictionary<string, string?>> Rows,
    int TotalRows
);

public sealed record ImportJobDto(
    Guid Id,
    string Target,
    string FileName,
    ImportMode Mode,
    ImportStatus Status,
    int TotalRows,
    int Processed,
    int Succeeded,
    int FailedRows,
    string? Message,
    bool HasErrorReport,
    DateTime CreatedAt,
    DateTime? FinishedAt
);

/// <summary>Progress of running imports on this node, updated per batch; the job row has the outcome.</summary>
public sealed class ImportProgress
{
    private readonly ConcurrentDictionary<Guid, int> _processed = new();

    public void Set(Guid job, int processed) => _processed[job] = processed;

    public int? Get(Guid job) => _processed.TryGetValue(job, out var n) ? n : null;

    public void Done(Guid job) => _processed.TryRemove(job, out _);
}

/// <summary>Upload, map, preview and queue imports; read their outcome.</summary>
public sealed class ImportService(
    AppDbContext db,
    IEnumerable<IImportTarget> targets,
    FileStore files,
    CurrentActor actor,
    ImportProgress progress,
    TimeProvider clock,
    IStringLocalizer<Strings> t
)
{
    public const string DueKind = "import.run";
    public const int PreviewRows = 10;

    /// <summary>The targets the caller may import into.</summary>
    private IEnumerable<IImportTarget> Mine() => targets.Where(x => x.Roles.Any(actor.IsInRole));

    public IReadOnlyList<ImportTargetDto> Targets() => [.. Mine().Select(x => new ImportTargetDto(x.Name, x.Fields))];

    private IImportTarget Target(string? name) =>
        Mine().FirstOrDefault(x => x.Name == name)
        ?? throw AppValidationException.For("target", t["Import.Error.Target", string.Join(", ", Mine().Select(x => x.Name))]);

    public async Task<ImportPreview> PreviewAsync(string? targetName, Stream file, CancellationToken ct)
    {
        var target = Target(targetName);
        var kind = Check(file);
        var headers = new List<string>();
        var rows = new List<IReadOnlyDictionary<string, string?>>();
        var total = 0;
        try
        {
            foreach (var row in SpreadsheetReader.Rows(file, kind))
            {
                if (total == 0)
                    headers.AddRange(row.Keys.Where(k => !string.IsNullOrWhiteSpace(k)));
                if (row.Values.All(v => CellParser.Text(v) is null))
                    continue;
                if (total >= SpreadsheetReader.MaxRows)
                    throw AppValidationException.For("file", t["Import.Error.TooManyRows", SpreadsheetReader.MaxRows]);
                if (rows.Count < PreviewRows)
                    rows.Add(row.ToDictionary(kv => kv.Key, kv => CellParser.Text(kv.Value), StringComparer.Ordinal));
                total++;
            }
        }
        catch (UnreadableSpreadsheetException)
        {
            throw AppValidationException.For("file", t["Import.Error.Damaged"]);
        }
        if (total == 0)
            throw AppValidationException.For("file", t["Import.Error.Empty"]);
        return new ImportPreview(target.Name, headers, await SuggestAsync(target, headers, ct), rows, total);
    }

    /// <summary>The user's last mapping for these headers, else headers matched to field labels or keys.</summary>
    private async Task<Dictionary<string, string>> SuggestAsync(IImportTarget target, IReadOnlyList<string> headers, CancellationToken ct)
    {
        var remembered = actor.UserId is { } me
            ? await db.Set<ImportMappingMemory>()
                .Where(m => m.UserId == me && m.Target == target.Name)
                .Select(m => m.Mapping)
                .FirstOrDefaultAsync(ct)
            : null;
        var memory = remembered is null ? [] : JsonSerializer.Deserialize<Dictionary<string, string>>(remembered) ?? [];
        var mapping = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var header in headers)
        {
            var h = CellParser.HalfWidth(header).Trim().TrimEnd('*').Trim();
            var field =
                memory.TryGetValue(header, out var m) && target.Fields.Any(f => f.Key == m)
                    ? m
                    : target
                        .Fields.FirstOrDefault(f =>
                            string.Equals(CellParser.HalfWidth(f.LabelZh), h, StringComparison.OrdinalIgnoreCase)
                            || string.Equals(f.LabelEn, h, StringComparison.OrdinalIgnoreCase)
                            || string.Equals(f.Key, h, StringComparison.OrdinalIgnoreCase)
                        )
                        ?.Key;
            if (field is not null && !mapping.ContainsValue(field))
                mapping[header] = field;
        }
        return mapping;
    }

    /// <summary>Checks the file and mapping, stores the file and queues the job. Bad input changes nothing.</summary>
    public async Task<ImportJobDto> StartAsync(
        string? targetName,
        Stream file,
        string fileName,
        ImportMode? mode,
        IReadOnlyDictionary<string, string>? mapping,
        CancellationToken ct
    )
    {
        var target = Target(targetName);
        var preview = await PreviewAsync(target.Name, file, ct);
        mapping ??= preview.SuggestedMapping;
        var errors = new ValidationErrors();
        if (mode is { } m && !Enum.IsDefined(m))
            errors.Add("mode", t["Common.Error.Choice"]);
        foreach (var (header, field) in mapping)
        {
            if (!preview.Headers.Contains(header, StringComparer.Ordinal))
                errors.Add("mapping", t["Import.Error.NoSuchColumn", header]);
            if (target.Fields.All(f => f.Key != field))
                errors.Add("mapping", t["Import.Error.NoSuchField", field]);
        }
        foreach (var twice in mapping.GroupBy(kv => kv.Value).Where(g => g.Count() > 1))
            errors.Add("mapping", t["Import.Error.MappedTwice", twice.Key, string.Join(", ", twice.Select(kv => kv.Key))]);
        foreach (var missing in target.Fields.Where(f => f.Required && !mapping.Values.Contains(f.Key)))
            errors.Add(
                "mapping",
                t[
                    "Import.Error.RequiredUnmapped",
                    CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal) ? missing.LabelZh : missing.LabelEn
                ]
            );
        errors.ThrowIfAny();

        var job = new ImportJob
        {
            Id = Guid.CreateVersion7(),
            Target = target.Name,
            FileName = Path.GetFileName(fileName),
            Mode = mode ?? ImportMode.GoodRows,
            Mapping = JsonSerializer.Serialize(mapping),
            Status = ImportStatus.Queued,
            TotalRows = preview.TotalRows,
            CreatedById = actor.UserId,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
            Culture = StringTables.Pick(CultureInfo.CurrentUICulture),
        };
        file.Position = 0;
        await files.SaveAsync("imports", job.Id.ToString("N"), file, ct);
        db.Add(job);
        if (actor.UserId is { } me)
        {
            var memory = await db.Set<ImportMappingMemory>().SingleOrDefaultAsync(x => x.UserId == me && x.Target == target.Name, ct);
            if (memory is null)
                db.Add(
                    new ImportMappingMemory
                    {
                        UserId = me,
                        Target = target.Name,
                        Mapping = job.Mapping,
                    }
                );
            else
                memory.Mapping = job.Mapping;
        }
        db.Schedule(DueKind, job.Id.ToString(), job.CreatedAtUtc);
        await db.SaveChangesAsync(ct);
        return ToDto(job);
    }

    public async Task<ImportJobDto> GetAsync(Guid id, CancellationToken ct)
    {
        var me = actor.UserId;
        var job = await db.Set<ImportJob>()
            .AsNoTracking()
            .SingleOrDefaultAsync(j => j.Id == id && (j.CreatedById == me || actor.IsInRole(Identity.Roles.Admin)), ct)
            ?? throw new AppNotFoundException(t["Common.NotFound"]);
        return ToDto(job);
    }

    public async Task<List<ImportJobDto>> RecentAsync(CancellationToken ct)
    {
        var me = actor.UserId;
        var jobs = await db.Set<ImportJob>()
            .AsNoTracking()
            .Where(j => j.CreatedById == me)
            .OrderByDescending(j => j.CreatedAtUtc)
            .Take(20)
            .ToListAsync(ct);
        return [.. jobs.Select(ToDto)];
    }

    /// <summary>The error report of a finished job, or null when there is none.</summary>
    public async Task<Stream?> ErrorReportAsync(Guid id, CancellationToken ct)
    {
        var job = await GetAsync(id, ct);
        return job.HasErrorReport ? files.OpenRead(ErrorReportPath(id)) : null;
    }

    internal static string ErrorReportPath(Guid id) => Path.Combine("imports", id.ToString("N") + "-errors.xlsx");

    private ImportJobDto ToDto(ImportJob j) =>
        new(
            j.Id,
            j.Target,
            j.FileName,
            j.Mode,
            j.Status,
            j.TotalRows,
            j.Status is ImportStatus.Completed or ImportStatus.Failed ? j.TotalRows : progress.Get(j.Id) ?? 0,
            j.Succeeded,
            j.FailedRows,
            j.Message,
            j.FailedRows > 0 && files.Exists(ErrorReportPath(j.Id)),
            j.CreatedAtUtc,
            j.FinishedAtUtc
        );

    private SpreadsheetReader.Kind Check(Stream file)
    {
        if (file.Length == 0)
            throw AppValidationException.For("file", t["Import.Error.Empty"]);
        var kind = SpreadsheetReader.Detect(file, out var problem);
        if (problem is not null)
            throw AppValidationException.For("file", t[$"Import.Error.{problem}"]);
        return kind;
    }
}
