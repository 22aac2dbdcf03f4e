using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Steadfast.Platform.Data;
using Steadfast.Platform.Data.Sqlite;

namespace Steadfast.IntegrationTests;

/// <summary>SQLite transactions that meet share a commit; each is still all or nothing, and none is answered before that commit.</summary>
public sealed class SqliteCommitGroupTests : IDisposable
{
    private readonly string file = Path.Combine(Path.GetTempPath(), $"group-{Guid.NewGuid():N}.db");
    private readonly DbContextOptions<AppDbContext> options;

    public SqliteCommitGroupTests()
    {
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={file};Pooling=true").Apply(builder);
        options = builder.Options;
        using var db = Db();
        db.Database.ExecuteSqlRaw("CREATE TABLE \"T\" (\"Id\" INTEGER PRIMARY KEY)");
    }

    private AppDbContext Db() => new(options);

    private static Task<int> Insert(AppDbContext db, int id) => db.Database.ExecuteSqlAsync($"INSERT INTO \"T\" (\"Id\") VALUES ({id})");

    private List<long> Committed()
    {
        // A connection of its own, outside the pool: it sees only what was committed.
        using var connection = new SqliteConnection($"Data Source={file};Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"Id\" FROM \"T\" ORDER BY \"Id\"";
        using var reader = command.ExecuteReader();
        var ids = new List<long>();
        while (reader.Read())
            ids.Add(reader.GetInt64(0));
        return ids;
    }

    [Fact]
    public async Task Transactions_that_queue_behind_one_share_its_commit_and_a_failing_one_is_undone_alone()
    {
        await using var a = Db();
        await using var b = Db();
        await using var c = Db();
        var holdA = new TaskCompletionSource();
        var holdC = new TaskCompletionSource();
        var aRunning = new TaskCompletionSource();
        var cRunning = new TaskCompletionSource();

        var first = a.InTransactionAsync(
            async () =>
            {
                await Insert(a, 1);
                aRunning.SetResult();
                await holdA.Task;
                return 1;
            },
            default
        );
        await aRunning.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var second = b.InTransactionAsync<int>(
            async () =>
            {
                await Insert(b, 2);
                throw new InvalidOperationException("refused");
            },
            default
        );
        var third = c.InTransactionAsync(
            async () =>
            {
                await Insert(c, 3);
                cRunning.SetResult();
                await holdC.Task;
                return 3;
            },
            default
        );

        holdA.SetResult();
        await cRunning.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await Assert.ThrowsAsync<InvalidOperationException>(() => second);
        // The first is done with its work but shares the commit that the third is still part of.
        Assert.False(first.IsCompleted);
        Assert.Empty(Committed());

        holdC.SetResult();
        Assert.Equal(1, await first);
        Assert.Equal(3, await third);
        Assert.Equal([1L, 3L], Committed());
    }

    [Fact]
    public async Task A_context_reads_and_writes_on_its_own_connection_after_a_group()
    {
        await using var db = Db();
        await db.Database.OpenConnectionAsync();
        Assert.Equal(1, await db.InTransactionAsync(() => Insert(db, 1), default));
        Assert.Equal(System.Data.ConnectionState.Closed, db.Database.GetDbConnection().State);
        Assert.Null(db.Database.CurrentTransaction);

        Assert.Equal(1, await db.InTransactionAsync(() => Insert(db, 2), default));
        await Insert(db, 3);
        Assert.Equal(3, await db.Database.SqlQueryRaw<long>("SELECT count(*) AS \"Value\" FROM \"T\"").SingleAsync());
        Assert.Equal([1L, 2L, 3L], Committed());
    }

    [Fact]
    public async Task A_failed_statement_undoes_its_transaction_and_the_next_one_commits()
    {
        await using var db = Db();
        await Assert.ThrowsAnyAsync<SqliteException>(() =>
            db.InTransactionAsync(
                async () =>
                {
                    await Insert(db, 1);
                    return await Insert(db, 1);
                },
                default
            )
        );
        Assert.Empty(Committed());
        Assert.Equal(1, await db.InTransactionAsync(() => Insert(db, 2), default));
        Assert.Equal([2L], Committed());
    }

    [Fact]
    public async Task The_writer_runs_a_statement_again_without_compiling_it_and_drops_one_that_failed()
    {
        await using var db = Db();
        SqliteConnection? writer = null;
        async Task<int> InGroup(int id) =>
            await db.InTransactionAsync(
                async () =>
                {
                    writer = (SqliteConnection)db.Database.GetDbConnection();
                    return await Insert(db, id);
                },
                default
            );

        foreach (var id in new[] { 1, 2, 3 })
            Assert.Equal(1, await InGroup(id));
        // Each run bound its own value to the kept statement.
        Assert.Equal([1L, 2L, 3L], Committed());
        var (kept, reused) = SqliteStatementCache.Stats(writer!);
        Assert.Equal(1, kept);
        Assert.Equal(2, reused);

        await Assert.ThrowsAnyAsync<SqliteException>(() => InGroup(2));
        Assert.Equal(1, await InGroup(4));
        Assert.Equal([1L, 2L, 3L, 4L], Committed());

        // Connections from the pool keep nothing: closing them finalizes what they compiled.
        await db.Database.OpenConnectionAsync();
        Assert.Equal((0, 0L), SqliteStatementCache.Stats((SqliteConnection)db.Database.GetDbConnection()));
    }

    [Fact]
    public async Task The_counter_made_outside_EF_also_runs_from_a_kept_statement_on_the_writer()
    {
        await using var db = Db();
        await db.Database.ExecuteSqlRawAsync("CREATE TABLE \"Counters\" (\"Name\" TEXT PRIMARY KEY, \"Value\" INTEGER NOT NULL)");
        SqliteConnection? writer = null;
        var taken = new List<long>();
        for (var i = 0; i < 3; i++)
            taken.Add(
                await db.InTransactionAsync(
                    async () =>
                    {
                        writer = (SqliteConnection)db.Database.GetDbConnection();
                        return await db.NextAsync("day", default);
                    },
                    default
                )
            );
        Assert.Equal([1L, 2L, 3L], taken);
        Assert.Equal((1, 2L), SqliteStatementCache.Stats(writer!));
        // Outside a group the command is the connection's own, used once.
        Assert.Equal(4, await db.NextAsync("day", default));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var f in new[] { file, file + "-wal", file + "-shm" })
            File.Delete(f);
    }
}
