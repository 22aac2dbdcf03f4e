using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Steadfast.Platform.Data.Sqlite;

/// <summary>
/// Group commit for SQLite: transactions that arrive while one is running share the next commit. Each
/// still runs alone and in turn, inside a savepoint of one transaction on one writer connection, so a
/// failing one is rolled back by itself; none is answered before the commit that holds it.
/// Why: every SQLite commit writes each page it touched to the log again. A work-order create touches
/// dozens of pages (the order alone has 14 b-trees), so each create wrote its pages to the log, and the
/// background checkpoint copied them all back into the database. Creates that share a commit share the
/// pages that new rows append to: ids, times and the day's counter.
/// </summary>
internal sealed class SqliteCommitGroup
{
    // Small enough that one group runs while the next gathers: at 64, with 32 clients, nearly all of them
    // waited on one group, and the writer sat idle while they came back (a fifth of both cores idle).
    private const int MaxBatch = 16;

    // The writer keeps its page cache between groups; an idle one is closed (tests open hundreds of databases).
    private static readonly TimeSpan IdleClose = TimeSpan.FromSeconds(30);
    private static readonly ConcurrentDictionary<string, Lazy<SqliteCommitGroup>> Groups = new(StringComparer.Ordinal);

    // A transaction opened from inside a grouped one (another context, same database) cannot wait for
    // the group, which is waiting for it; it takes the plain path, as it did before groups.
    private static readonly AsyncLocal<bool> InGroup = new();

    private readonly string connectionString;
    private readonly Channel<Job> queue = Channel.CreateUnbounded<Job>(new UnboundedChannelOptions { SingleReader = true });
    private SqliteConnection? writer;

    private SqliteCommitGroup(string connectionString)
    {
        this.connectionString = connectionString;
        // The loop outlives the request that started it and must not carry its context (its user, its HttpContext).
        using (ExecutionContext.SuppressFlow())
            _ = Task.Run(RunAsync);
    }

    private sealed class Job
    {
        public readonly TaskCompletionSource<SqliteTransaction> Turn = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public readonly TaskCompletionSource<bool> Done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public readonly TaskCompletionSource Committed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>False inside a grouped transaction: one opened from there (another context) takes the plain path.</summary>
    public static bool CanJoin => !InGroup.Value;

    /// <summary>Runs <paramref name="work"/> on <paramref name="db"/> inside the next group commit and returns after that commit.</summary>
    public static async Task<T> RunAsync<T>(AppDbContext db, Func<Task<T>> work, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var connectionString = db.Database.GetDbConnection().ConnectionString;
        var group = Groups.GetOrAdd(connectionString, cs => new Lazy<SqliteCommitGroup>(() => new SqliteCommitGroup(cs))).Value;
        var job = new Job();
        group.queue.Writer.TryWrite(job);
        var tx = await job.Turn.Task;
        T result;
        try
        {
            result = await RunOnWriterAsync(db, tx, work);
        }
        catch
        {
            job.Done.TrySetResult(false);
            throw;
        }
        job.Done.TrySetResult(true);
        await job.Committed.Task;
        return result;
    }

    private static async Task<T> RunOnWriterAsync<T>(AppDbContext db, SqliteTransaction tx, Func<Task<T>> work)
    {
        // The context's own connection may be open (a create reads first); it goes back to the pool, and
        // the context gets a fresh one of its own once the work is done.
        var own = db.Database.GetDbConnection();
        for (var i = 0; own.State != System.Data.ConnectionState.Closed && i < 16; i++)
            await db.Database.CloseConnectionAsync();
        if (own.State != System.Data.ConnectionState.Closed)
            throw new InvalidOperationException("A connection opened outside EF cannot join a group commit.");
        db.Database.SetDbConnection(tx.Connection, contextOwnsConnection: false);
        InGroup.Value = true;
        try
        {
            await db.Database.UseTransactionAsync(tx);
            try
            {
                return await work();
            }
            finally
            {
                await db.Database.UseTransactionAsync(null);
            }
        }
        finally
        {
            InGroup.Value = false;
            db.Database.SetDbConnection(new SqliteConnection(own.ConnectionString), contextOwnsConnection: true);
        }
    }

    private async Task RunAsync()
    {
        var reader = queue.Reader;
        while (true)
        {
            var waiting = reader.WaitToReadAsync().AsTask();
            if (writer is not null && !waiting.IsCompleted && await Task.WhenAny(waiting, Task.Delay(IdleClose)) != waiting)
                CloseWriter();
            if (!await waiting)
                return;
            if (!reader.TryRead(out var first))
                continue;
            var gate = SqliteWriteGate.GateOf(connectionString);
            var entered = await gate.WaitAsync(SqliteWriteGate.MaxWait);
            var batch = new List<Job>();
            var job = first;
            try
            {
                var connection = writer ??= Open();
                await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync();
                do
                {
                    Execute(connection, tx, "SAVEPOINT job;");
                    job.Turn.SetResult(tx);
                    if (await job.Done.Task)
                    {
                        Execute(connection, tx, "RELEASE job;");
                        batch.Add(job);
                    }
                    else
                        Execute(connection, tx, "ROLLBACK TO job; RELEASE job;");
                    job = null;
                } while (batch.Count < MaxBatch && reader.TryRead(out job));
                await tx.CommitAsync();
                foreach (var done in batch)
                    done.Committed.SetResult();
            }
            catch (Exception ex)
            {
                // The writer's state is unknown now: a fresh connection for the next group.
                CloseWriter();
                job?.Turn.TrySetException(ex);
                job?.Committed.TrySetException(ex);
                foreach (var done in batch)
                    done.Committed.TrySetException(ex);
            }
            finally
            {
                if (entered)
                    gate.Release();
            }
        }
    }

    private SqliteConnection Open()
    {
        // Not from the pool: the writer's settings stay its own.
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        connection.Open();
        // The savepoint of each transaction keeps the pages it changes in a journal of its own; in memory, not a
        // temporary file. (A larger page cache for the writer did not help.)
        Execute(connection, null, SqlitePragmas.Sql + " PRAGMA temp_store=MEMORY;");
        SqliteStatementCache.Keep(connection);
        return connection;
    }

    private void CloseWriter()
    {
        if (writer is null)
            return;
        SqliteStatementCache.Forget(writer);
        writer.Dispose();
        writer = null;
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? tx, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
