using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Steadfast.Platform.Data.Sqlite;

/// <summary>
/// Queues SQLite transactions in the process, first come first served, instead of in SQLite's busy
/// handler. SQLite has one write lock; a writer that finds it taken sleeps between tries, longer each
/// time, so under load the lock sat free while waiters slept and the unlucky waited far longer than the
/// work ahead of them. Here the next transaction starts
/// the moment the last one ends. The gate is per database file; statements outside a transaction still
/// use the busy handler. A wait longer than <see cref="MaxWait"/> goes on without the gate, so a
/// transaction that opens another on the same database cannot deadlock the process.
/// </summary>
internal sealed class SqliteWriteGate : DbTransactionInterceptor, IDbConnectionInterceptor
{
    public static readonly SqliteWriteGate Instance = new();
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(10);
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<DbConnection, SemaphoreSlim> held = new();

    /// <summary>For tests: no transaction on this database holds the gate.</summary>
    internal static bool IsFree(string connectionString) => !Gates.TryGetValue(connectionString, out var gate) || gate.CurrentCount == 1;

    private static SemaphoreSlim GateOf(DbConnection connection) => GateOf(connection.ConnectionString);

    internal static SemaphoreSlim GateOf(string connectionString) => Gates.GetOrAdd(connectionString, _ => new SemaphoreSlim(1, 1));

    public override InterceptionResult<DbTransaction> TransactionStarting(
        DbConnection connection,
        TransactionStartingEventData eventData,
        InterceptionResult<DbTransaction> result
    )
    {
        var gate = GateOf(connection);
        if (gate.Wait(MaxWait))
            held[connection] = gate;
        return result;
    }

    public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
        DbConnection connection,
        TransactionStartingEventData eventData,
        InterceptionResult<DbTransaction> result,
        CancellationToken cancellationToken = default
    )
    {
        var gate = GateOf(connection);
        if (await gate.WaitAsync(MaxWait, cancellationToken))
            held[connection] = gate;
        return result;
    }

    private void Leave(DbConnection? connection)
    {
        if (connection is not null && held.TryRemove(connection, out var gate))
            gate.Release();
    }

    private void Leave(TransactionEventData eventData) =>
        Leave(eventData.Context?.Database.GetDbConnection() ?? eventData.Transaction.Connection);

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Leave(eventData);

    public override Task TransactionCommittedAsync(
        DbTransaction transaction,
        TransactionEndEventData eventData,
        CancellationToken cancellationToken = default
    )
    {
        Leave(eventData);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Leave(eventData);

    public override Task TransactionRolledBackAsync(
        DbTransaction transaction,
        TransactionEndEventData eventData,
        CancellationToken cancellationToken = default
    )
    {
        Leave(eventData);
        return Task.CompletedTask;
    }

    public override void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Leave(eventData);

    public override Task TransactionFailedAsync(
        DbTransaction transaction,
        TransactionErrorEventData eventData,
        CancellationToken cancellationToken = default
    )
    {
        Leave(eventData);
        return Task.CompletedTask;
    }

    // A transaction disposed without commit or rollback (an exception on the way) raises none of the
    // above; SQLite rolls it back and EF closes the connection, which lets the next one in.
    void IDbConnectionInterceptor.ConnectionClosed(DbConnection connection, ConnectionEndEventData eventData) => Leave(connection);

    Task IDbConnectionInterceptor.ConnectionClosedAsync(DbConnection connection, ConnectionEndEventData eventData)
    {
        Leave(connection);
        return Task.CompletedTask;
    }

    void IDbConnectionInterceptor.ConnectionDisposed(DbConnection connection, ConnectionEndEventData eventData) => Leave(connection);

    Task IDbConnectionInterceptor.ConnectionDisposedAsync(DbConnection connection, ConnectionEndEventData eventData)
    {
        Leave(connection);
        return Task.CompletedTask;
    }
}
