using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Steadfast.Platform.Data.Sqlite;

/// <summary>One SQLite PRAGMA run at start and then every <see cref="Every"/>; nothing on PostgreSQL.</summary>
public abstract class SqliteMaintenance(IServiceScopeFactory scopes, TimeProvider clock, ILogger log) : BackgroundService
{
    protected abstract TimeSpan Every { get; }
    protected abstract string Pragma { get; }

    public async Task RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (!db.IsSqlite)
            return;
        await RunAsync(db, ct);
    }

    protected virtual Task RunAsync(AppDbContext db, CancellationToken ct) => db.Database.ExecuteSqlRawAsync(Pragma, ct);

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
/// (a "closed orders in one region" page then read far more rows than it shows). SQLite
/// recommends PRAGMA optimize at start and now and then; PostgreSQL's autovacuum does this by itself.
/// 0x10002: all tables, with ANALYZE where statistics are missing or stale.
/// </summary>
public sealed class SqliteOptimizer(IServiceScopeFactory scopes, TimeProvider clock, ILogger<SqliteOptimizer> log)
    : SqliteMaintenance(scopes, clock, log)
{
    protected override TimeSpan Every => TimeSpan.FromHours(1);
    protected override string Pragma => "PRAGMA optimize=0x10002;";
}

/// <summary>
/// Copies SQLite's write-ahead log into the database file in the background. Left to itself SQLite does
/// this inside whichever commit pushes the log past 1,000 pages, with an fsync, so an unlucky request
/// waited for the whole copy. Connections switch
/// the automatic checkpoint off (<see cref="SqlitePragmas"/>) and this does a PASSIVE one every second:
/// it never blocks writers, and durability does not depend on it (a committed transaction is in the log).
/// <para>
/// Under steady load the log never starts over by itself: by the time a checkpoint ends, new commits have
/// added to it, so it grew without end. Past <see cref="RestartPages"/> this makes a few more passes and
/// then one last, short one holding the process's write gate: with every frame copied, the next commit
/// starts the log from the beginning. A RESTART checkpoint does the same, but it waits for readers and
/// stalls writers meanwhile, for far longer than the short pass. Only a log that still grows
/// past <see cref="ForcePages"/> (readers always in the way) gets one.
/// </para>
/// </summary>
public sealed class SqliteCheckpointer(IServiceScopeFactory scopes, TimeProvider clock, ILogger<SqliteCheckpointer> log)
    : SqliteMaintenance(scopes, clock, log)
{
    /// <summary>64 MB of log; tests set less.</summary>
    public int RestartPages { get; init; } = 16_384;
    private int ForcePages => 4 * RestartPages;
    private const int CloseEnoughPages = 256;
    protected override TimeSpan Every => TimeSpan.FromSeconds(1);
    protected override string Pragma => "PRAGMA wal_checkpoint(PASSIVE);";

    protected override async Task RunAsync(AppDbContext db, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var pages = await CheckpointAsync(connection, "PASSIVE", ct);
            if (pages < RestartPages)
                return;
            // Writers wait while the gated pass copies and syncs; each pass before it leaves that one less to do.
            for (var pass = 0; pass < 3; pass++)
            {
                var before = pages;
                pages = await CheckpointAsync(connection, "PASSIVE", ct);
                if (pages - before < CloseEnoughPages)
                    break;
            }
            var gate = SqliteWriteGate.GateOf(connection.ConnectionString);
            if (!await gate.WaitAsync(SqliteWriteGate.MaxWait, ct))
                return;
            try
            {
                pages = await CheckpointAsync(connection, "PASSIVE", ct);
            }
            finally
            {
                gate.Release();
            }
            if (pages >= ForcePages)
                await CheckpointAsync(connection, "RESTART", ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The log's length in pages, as the checkpoint found it.</summary>
    private static async Task<long> CheckpointAsync(System.Data.Common.DbConnection connection, string mode, CancellationToken ct)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = $"PRAGMA wal_checkpoint({mode});";
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? reader.GetInt64(1) : 0;
    }
}
