using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Steadfast.Platform.Data;

/// <summary>One SQLite PRAGMA run at start and then every <see cref="Every"/>; nothing on PostgreSQL.</summary>
public abstract class SqliteMaintenance(IServiceScopeFactory scopes, TimeProvider clock, ILogger log) : BackgroundService
{
    protected abstract TimeSpan Every { get; }
    protected abstract string Pragma { get; }

    public async Task RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (!db.IsSqlite) return;
        await db.Database.ExecuteSqlRawAsync(Pragma, ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, clock);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogWarning(ex, "{Pragma} failed; trying again in {Every}", Pragma, Every);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

/// <summary>
/// Keeps SQLite's planner statistics fresh. Without them a million-row table gets the wrong index
/// (a "closed orders in one region" page took 2 s instead of 0.15 s in bench/workorders.sh). SQLite
/// recommends PRAGMA optimize at start and now and then; PostgreSQL's autovacuum does this by itself.
/// 0x10002: all tables, with ANALYZE where statistics are missing or stale.
/// </summary>
public sealed class SqliteOptimizer(IServiceScopeFactory scopes, TimeProvider clock, ILogger<SqliteOptimizer> log) : SqliteMaintenance(scopes, clock, log)
{
    protected override TimeSpan Every => TimeSpan.FromHours(1);
    protected override string Pragma => "PRAGMA optimize=0x10002;";
}

/// <summary>
/// Copies SQLite's write-ahead log into the database file in the background. Left to itself SQLite does
/// this inside whichever commit pushes the log past 1,000 pages, with an fsync, so an unlucky request
/// waited a second or more (p99 of 1.5 s on single-client creates in bench/run.sh). Connections switch
/// the automatic checkpoint off (<see cref="SqlitePragmas"/>) and this does a PASSIVE one every second:
/// it never blocks writers, and durability does not depend on it (a committed transaction is in the log).
/// </summary>
public sealed class SqliteCheckpointer(IServiceScopeFactory scopes, TimeProvider clock, ILogger<SqliteCheckpointer> log) : SqliteMaintenance(scopes, clock, log)
{
    protected override TimeSpan Every => TimeSpan.FromSeconds(1);
    protected override string Pragma => "PRAGMA wal_checkpoint(PASSIVE);";
}
