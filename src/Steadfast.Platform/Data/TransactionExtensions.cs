using Microsoft.EntityFrameworkCore;

namespace Steadfast.Platform.Data;

public static class TransactionExtensions
{
    /// <summary>Runs <paramref name="work"/> in a transaction, joining one already open (e.g. the idempotency filter's).</summary>
    public static async Task<T> InTransactionAsync<T>(this AppDbContext db, Func<Task<T>> work, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is not null) return await work();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var result = await work();
        await tx.CommitAsync(ct);
        return result;
    }
}
