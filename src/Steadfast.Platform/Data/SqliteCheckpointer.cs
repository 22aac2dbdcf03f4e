using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Steadfast.Platform.Data;

/// <summary>
/// Copies SQLite's write-ahead log into the database file in the background. Left to itself SQLite does
/// this inside whichever commit pushes the log past 1,000 pages, with an fsync, so an unlucky request
/// waited a second or more (p99 of 1.4 s on single-client creates in bench/run.sh). Connections switch
/// the automatic checkpoint off (<see cref="SqlitePragmas"/>) and this does a PASSIVE one every second:
/// it never blocks writers, and durability does not depend on it (a committed transaction is in the log).
/// </summary>
public sealed class SqliteCheckpointer(IServiceScopeFactory scopes, TimeProvider clock, ILogger<SqliteCheckpointer> log) : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(1);

    public async Task CheckpointAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (!db.IsSqlite) return;
        await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(PASSIVE);", ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await CheckpointAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogWarning(ex, "WAL checkpoint failed; trying again in a second");
            }
        }
    }
}
