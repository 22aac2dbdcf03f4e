using Microsoft.EntityFrameworkCore;
using Steadfast.Platform.Data.Sqlite;

namespace Steadfast.Platform.Data;

public static class TransactionExtensions
{
    /// <summary>Runs <paramref name="work"/> in a transaction, joining one already open (e.g. the idempotency filter's).</summary>
    public static async Task<T> InTransactionAsync<T>(this AppDbContext db, Func<Task<T>> work, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is not null)
            return await work();
        if (db.IsSqlite && SqliteCommitGroup.CanJoin)
            return await WithoutSavepointsAsync(db, () => SqliteCommitGroup.RunAsync(db, work, ct));
        return await WithoutSavepointsAsync(db, async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var result = await work();
            await tx.CommitAsync(ct);
            return result;
        });
    }

    /// <summary>
    /// Makes the current transaction wait for any other transaction holding <paramref name="key"/> until that one
    /// ends, so that work on one key (an idempotency key, a record's number) runs one at a time. SQLite's write
    /// transaction already serializes all writers; PostgreSQL takes a transaction-scoped advisory lock.
    /// </summary>
    public static async Task LockUntilCommitAsync(this AppDbContext db, long key, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("A lock until commit needs a transaction.");
        if (!db.IsSqlite)
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({key})", ct);
    }

    private static async Task<T> WithoutSavepointsAsync<T>(AppDbContext db, Func<Task<T>> work)
    {
        // EF wraps each save inside a transaction in a savepoint, so a caller could catch a failed save and
        // go on. Here a failure ends the whole transaction, so the savepoint only cost: two statements, and
        // on SQLite a temporary file per save for the pages written after it.
        var savepoints = db.Database.AutoSavepointsEnabled;
        db.Database.AutoSavepointsEnabled = false;
        try
        {
            return await work();
        }
        finally
        {
            db.Database.AutoSavepointsEnabled = savepoints;
        }
    }
}
