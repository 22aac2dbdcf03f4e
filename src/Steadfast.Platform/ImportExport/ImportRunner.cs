using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using MiniExcelLibs;
using Steadfast.Platform.Audit;
using Steadfast.Platform.Data;
using Steadfast.Platform.Data.Sqlite;
using Steadfast.Platform.Files;
using Steadfast.Platform.Identity;
using Steadfast.Platform.Jobs;
using Steadfast.Platform.Localization;

namespace Steadfast.Platform.ImportExport;

/// <summary>
/// Runs a queued import (a due item, so exactly one node runs it). Rows go through the target in
/// batches, as the user who uploaded the file. "Import the good rows" commits batch by batch;
/// "all or nothing" keeps one transaction and rolls it back if any row failed.
/// </summary>
internal sealed class ImportRunner(
    IServiceScopeFactory scopes,
    FileStore files,
    ImportProgress progress,
    TimeProvider clock,
    ILogger<ImportRunner> log
) : IDueItemHandler
{
    public const int BatchSize = 500;

    public string Kind => ImportService.DueKind;

    public async Task HandleAsync(DueItem item, IServiceProvider services, CancellationToken ct)
    {
        var jobs = services.GetRequiredService<AppDbContext>().Set<ImportJob>();
        var job = await jobs.SingleOrDefaultAsync(j => j.Id == Guid.Parse(item.SubjectId), ct);
        if (job is null || job.Status is ImportStatus.Completed or ImportStatus.Failed)
            return;
        var t = services.GetRequiredService<IStringLocalizer<Strings>>();
        // The job runs in the background, but speaks the language of whoever uploaded the file.
        var culture = new System.Globalization.CultureInfo(job.Culture);
        (System.Globalization.CultureInfo.CurrentCulture, System.Globalization.CultureInfo.CurrentUICulture) = (culture, culture);
        try
        {
            var (ok, failed, errors) = await RunAsync(job, ct);
            job.Succeeded = ok;
            job.FailedRows = failed;
            job.Status = job.Mode == ImportMode.AllOrNothing && failed > 0 ? ImportStatus.Failed : ImportStatus.Completed;
            job.Message = job.Status == ImportStatus.Failed ? t["Import.Result.RolledBack", failed] : t["Import.Result.Done", ok, failed];
            if (failed > 0)
                await WriteReportAsync(job, errors, ct);
        }
        catch (UnreadableSpreadsheetException ex)
        {
            // Checked whole at upload, so only a file changed on disk since gets here; nothing of it was kept.
            log.LogWarning(ex, "Import {Job} could not read its file", job.Id);
            job.Status = ImportStatus.Failed;
            job.Message = t["Import.Error.Damaged"];
            job.Succeeded = 0;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogError(ex, "Import {Job} failed", job.Id);
            job.Status = ImportStatus.Failed;
            job.Message = t["Import.Result.Crashed"];
            job.Succeeded = 0;
        }
        job.FinishedAtUtc = clock.GetUtcNow().UtcDateTime;
        progress.Done(job.Id);
    }

    private async Task<(int Ok, int Failed, List<(IDictionary<string, object?> Row, RowError Error)> Errors)> RunAsync(
        ImportJob job,
        CancellationToken ct
    )
    {
        await using var scope = scopes.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<AppDbContext>();
        await ActAsAsync(sp, job.CreatedById);
        var target = sp.GetServices<IImportTarget>().Single(x => x.Name == job.Target);
        var textIndexes = sp.GetServices<TextIndex>().ToList();
        var mapping = JsonSerializer.Deserialize<Dictionary<string, string>>(job.Mapping) ?? [];

        await using var file = files.OpenRead(Path.Combine("imports", job.Id.ToString("N")));
        await using var memory = new MemoryStream();
        await file.CopyToAsync(memory, ct);
        var kind = SpreadsheetReader.Detect(memory, out _);

        var allOrNothing = job.Mode == ImportMode.AllOrNothing;
        var tx = allOrNothing ? await db.Database.BeginTransactionAsync(ct) : null;
        var errors = new List<(IDictionary<string, object?>, RowError)>();
        var (ok, number, processed) = (0, 1, 0);
        var batch = new List<(IDictionary<string, object?> Raw, ImportRow Row)>();

        async Task FlushAsync()
        {
            if (batch.Count == 0)
                return;
            var failed = await target.StageAsync([.. batch.Select(b => b.Row)], ct);
            var byRow = failed.ToDictionary(f => f.Row);
            foreach (var (raw, row) in batch)
                if (byRow.TryGetValue(row.Number, out var e))
                    errors.Add((raw, e));
            if (allOrNothing && errors.Count > 0)
                db.ChangeTracker.Clear();
            else
            {
                await using var batchTx = allOrNothing ? null : await db.Database.BeginTransactionAsync(ct);
                var deferral = await TextIndexDeferral.BeginAsync(db, textIndexes, ct);
                await db.SaveChangesAsync(ct);
                if (deferral is not null)
                    await deferral.CompleteAsync(ct);
                if (batchTx is not null)
                    await batchTx.CommitAsync(ct);
                ok += batch.Count - failed.Count;
            }
            db.ChangeTracker.Clear();
            target.Flushed();
            processed += batch.Count;
            progress.Set(job.Id, processed);
            batch.Clear();
        }

        try
        {
            foreach (var raw in SpreadsheetReader.Rows(memory, kind))
            {
                number++;
                if (raw.Values.All(v => CellParser.Text(v) is null))
                    continue;
                var cells = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var (header, field) in mapping)
                    if (raw.TryGetValue(header, out var value))
                        cells[field] = value;
                batch.Add((raw, new ImportRow(number, cells)));
                if (batch.Count >= BatchSize)
                    await FlushAsync();
            }
            await FlushAsync();
            if (tx is not null)
            {
                if (errors.Count == 0)
                    await tx.CommitAsync(ct);
                else
                {
                    await tx.RollbackAsync(ct);
                    ok = 0;
                }
            }
        }
        finally
        {
            if (tx is not null)
                await tx.DisposeAsync();
        }
        return (ok, errors.Count, errors);
    }

    /// <summary>Audit rows of an import name the person who uploaded it.</summary>
    private static async Task ActAsAsync(IServiceProvider sp, Guid? userId)
    {
        if (userId is null)
            return;
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByIdAsync(userId.Value.ToString()) is { } user)
            sp.GetRequiredService<CurrentActor>()
                .Use(await sp.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>().CreateAsync(user));
    }

    /// <summary>The rejected rows as they were uploaded, with the reason per cell in the last columns.</summary>
    private async Task WriteReportAsync(
        ImportJob job,
        List<(IDictionary<string, object?> Row, RowError Error)> errors,
        CancellationToken ct
    )
    {
        using var scope = scopes.CreateScope();
        var t = scope.ServiceProvider.GetRequiredService<IStringLocalizer<Strings>>();
        // Errors name the spreadsheet's own column headers, so the person fixing the file finds the cell.
        var headerOf = (JsonSerializer.Deserialize<Dictionary<string, string>>(job.Mapping) ?? []).ToDictionary(
            kv => kv.Value,
            kv => kv.Key,
            StringComparer.Ordinal
        );
        var rows = errors.Select(e =>
        {
            var line = new Dictionary<string, object?>(StringComparer.Ordinal) { [t["Import.Report.Row"]] = e.Error.Row };
            foreach (var (k, v) in e.Row)
                line[k] = v;
            line[t["Import.Report.Errors"]] = string.Join(
                "; ",
                e.Error.Errors.Select(kv => $"{headerOf.GetValueOrDefault(kv.Key, kv.Key)}: {string.Join(" ", kv.Value)}")
            );
            return line;
        });
        await using var memory = new MemoryStream();
        await memory.SaveAsAsync(rows, cancellationToken: ct);
        memory.Position = 0;
        await files.SaveAsync("imports", Path.GetFileName(ImportService.ErrorReportPath(job.Id)), memory, ct);
    }
}
