using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Steadfast.Platform.Data;

namespace Steadfast.Service.WorkOrders;

/// <summary>
/// Orders written before search grams existed get theirs once, in the background after start-up: the grams are
/// computed in .NET, so a migration cannot fill them. New and edited orders keep their own (see WorkOrder). Updated
/// column by column, not through the tracked entity, so a million old orders leave no million audit rows.
/// </summary>
internal sealed class SearchGramsBackfill(IServiceScopeFactory scopes, ILogger<SearchGramsBackfill> log) : BackgroundService
{
    private const int Batch = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var done = await RunAsync(stoppingToken);
            if (done > 0)
                log.LogInformation("Search grams written for {Count} older work orders", done);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
        catch (Exception e)
        {
            // Search by two-character words misses these orders until the next start; nothing else depends on it.
            log.LogWarning(e, "Search grams backfill stopped");
        }
    }

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var (done, skip) = (0, 0);
        while (!ct.IsCancellationRequested)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var rows = await db.Set<WorkOrder>()
                .AsNoTracking()
                .Where(w => w.SearchGrams == "" && (w.FaultDescription != "" || w.Diagnosis != "" || w.ContactName != ""))
                .OrderBy(w => w.ReportedAtUtc)
                .ThenBy(w => w.Id)
                .Skip(skip)
                .Take(Batch)
                .Select(w => new
                {
                    w.Id,
                    w.FaultDescription,
                    w.Diagnosis,
                    w.ContactName,
                })
                .ToListAsync(ct);
            foreach (var row in rows)
            {
                var grams = WorkOrderSearch.Grams(row.FaultDescription, row.Diagnosis, row.ContactName);
                // Text without a single two-character word stays empty, and is passed over from here on.
                if (grams.Length == 0)
                {
                    skip++;
                    continue;
                }
                await db.Set<WorkOrder>().Where(w => w.Id == row.Id).ExecuteUpdateAsync(s => s.SetProperty(w => w.SearchGrams, grams), ct);
                done++;
            }
            if (rows.Count < Batch)
                break;
        }
        return done;
    }
}
