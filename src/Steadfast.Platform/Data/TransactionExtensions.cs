using Microsoft.EntityFrameworkCore;

namespace Steadfast.Platform.Data;

public static class TransactionExtensions
{
    /// <summary>Runs <paramref name="work"/> in a transaction, joining one already open (e.g. the idempotency filter's).</summary>
    public static async Task<T> InTransactionAsync<T>(this AppDbContext db, Func<Task<T>> work, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is not null) return await work();
        if (db.IsSqlite && SqliteCommitGroup.CanJoin) return await WithoutSavepointsAsync(db, () => SqliteCommitGroup.RunAsync(db, work, ct));
        return await WithoutSavepointsAsync(db, async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var result = await work();
            await tx.CommitAsync(ct);
            return result;
        });
    }

    private static async Task<T> WithoutSavepointsAsync<T>(AppDbContext db, Func<Task<T>> work)
    {
        // EF wraps each save inside a transaction in a savepoint, so a caller could catch a failed save and
        // go on. Here a failure ends the whole transaction, so the savepoint only cost: two statements, and
        // on SQLite a temporary file per save for the pages written after it (bench/RESULTS.md, creates).
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
