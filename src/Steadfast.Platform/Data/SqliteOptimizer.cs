using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Steadfast.Platform.Data;

/// <summary>
/// Keeps SQLite's planner statistics fresh. Without them a million-row table gets the wrong index
/// (a "closed orders in one region" page took 2 s instead of 0.15 s in bench/workorders.sh). SQLite
/// recommends PRAGMA optimize at start and now and then; PostgreSQL's autovacuum does this by itself.
/// </summary>
public sealed class SqliteOptimizer(IServiceScopeFactory scopes, TimeProvider clock, ILogger<SqliteOptimizer> log) : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromHours(1);

    /// <summary>Analyzes the tables whose statistics are missing or stale (0x10002: all tables, with ANALYZE).</summary>
    public async Task OptimizeAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (!db.IsSqlite) return;
        await db.Database.ExecuteSqlRawAsync("PRAGMA optimize=0x10002;", ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, clock);
        do
        {
            try
            {
                await OptimizeAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogWarning(ex, "PRAGMA optimize failed; trying again in an hour");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
