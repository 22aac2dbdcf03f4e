using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Steadfast.Platform.Data;

namespace Steadfast.Platform.Jobs;

/// <summary>A row that one node at a time may claim, work on, and mark done or retry later.</summary>
public interface IClaimable
{
    Guid Id { get; }
    int Attempts { get; set; }
    DateTime AvailableAtUtc { get; set; }
    string? LockedBy { get; set; }
    DateTime? LockedUntilUtc { get; set; }
    DateTime? ProcessedAtUtc { get; set; }
    string? LastError { get; set; }
}

/// <summary>
/// Claims due rows of one table for this node with a lease. PostgreSQL skips rows another node holds
/// (FOR UPDATE SKIP LOCKED); SQLite has one writer at a time, so the conditional UPDATE is enough.
/// A node that dies mid-way loses its lease (<see cref="QueueOptions.Lease"/>, two minutes by default) and another node takes over.
/// </summary>
public sealed class ClaimQueue<T>(
    IServiceScopeFactory scopes,
    TimeProvider clock,
    ILogger<ClaimQueue<T>> log,
    string table,
    string extraCondition,
    TimeSpan lease
)
    where T : class, IClaimable
{
    public string Node { get; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}";

    /// <summary>Claims and works one batch; returns how many rows were worked.</summary>
    public async Task<int> DrainOnceAsync(Func<IServiceProvider, T, CancellationToken, Task> work, int batch, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now + lease;
        var skipLocked = db.IsSqlite ? "" : " FOR UPDATE SKIP LOCKED";
        var sql = $$"""
            UPDATE "{{table}}" SET "LockedBy" = {0}, "LockedUntilUtc" = {1}
            WHERE "Id" IN (SELECT "Id" FROM "{{table}}"
                WHERE "ProcessedAtUtc" IS NULL AND "AvailableAtUtc" <= {2}
                  AND ("LockedUntilUtc" IS NULL OR "LockedUntilUtc" < {2}){{extraCondition}}
                ORDER BY "AvailableAtUtc" LIMIT {3}{{skipLocked}})
              AND ("LockedUntilUtc" IS NULL OR "LockedUntilUtc" < {2})
            RETURNING "Id" AS "Value"
            """;
#pragma warning disable EF1002 // table and condition are constants of this class, values are parameters
        var ids = await db.Database.SqlQueryRaw<Guid>(sql, Node, until, now, batch).ToListAsync(ct);
#pragma warning restore EF1002
        if (ids.Count == 0)
            return 0;

        foreach (var id in ids)
        {
            // Each row in its own scope: one handler's half-made changes never leak into the next.
            await using var rowScope = scopes.CreateAsyncScope();
            var rowDb = rowScope.ServiceProvider.GetRequiredService<AppDbContext>();
            var row = await rowDb.Set<T>().SingleAsync(r => r.Id == id, ct);
            if (row.LockedBy != Node)
                continue;
            try
            {
                await work(rowScope.ServiceProvider, row, ct);
                row.ProcessedAtUtc = clock.GetUtcNow().UtcDateTime;
                row.LastError = null;
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                row.Attempts++;
                row.AvailableAtUtc = clock.GetUtcNow().UtcDateTime + ClaimTiming.Backoff(row.Attempts);
                row.LastError = ex.Message.Length > 2000 ? ex.Message[..2000] : ex.Message;
                log.LogWarning(
                    ex,
                    "{Table} row {Id} failed (attempt {Attempts}); retry at {At}",
                    table,
                    row.Id,
                    row.Attempts,
                    row.AvailableAtUtc
                );
            }
            row.LockedBy = null;
            row.LockedUntilUtc = null;
            // The handler's own changes and the done-mark commit together.
            await rowDb.SaveChangesAsync(ct);
        }
        return ids.Count;
    }
}

public static class ClaimTiming
{
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    /// <summary>5 s, 10 s, 20 s ... capped at one hour: a receiver that is down for a day still gets everything.</summary>
    public static TimeSpan Backoff(int attempts) => TimeSpan.FromSeconds(Math.Min(3600, 5 * Math.Pow(2, Math.Min(attempts - 1, 20))));
}
