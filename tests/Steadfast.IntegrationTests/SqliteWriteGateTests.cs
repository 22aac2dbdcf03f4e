using Microsoft.EntityFrameworkCore;
using Steadfast.Platform.Data;
using Steadfast.Platform.Data.Sqlite;

namespace Steadfast.IntegrationTests;

/// <summary>SQLite transactions queue in the process: the next starts when the last ends, however it ended.</summary>
public sealed class SqliteWriteGateTests : IDisposable
{
    private readonly string file = Path.Combine(Path.GetTempPath(), $"gate-{Guid.NewGuid():N}.db");
    private readonly DbContextOptions<AppDbContext> options;

    public SqliteWriteGateTests()
    {
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={file};Pooling=true").Apply(builder);
        options = builder.Options;
    }

    private AppDbContext Db() => new(options);

    private string ConnectionString(AppDbContext db) => db.Database.GetDbConnection().ConnectionString;

    [Fact]
    public async Task A_second_transaction_waits_for_the_first_to_commit()
    {
        await using var first = Db();
        await using var second = Db();
        await using var tx = await first.Database.BeginTransactionAsync();
        var waiting = second.Database.BeginTransactionAsync();
        Assert.False(waiting.IsCompleted);
        await tx.CommitAsync();
        await using var tx2 = await waiting;
        Assert.False(SqliteWriteGate.IsFree(ConnectionString(second)));
        await tx2.RollbackAsync();
        Assert.True(SqliteWriteGate.IsFree(ConnectionString(second)));
    }

    [Fact]
    public async Task A_transaction_disposed_without_commit_or_rollback_lets_the_next_in()
    {
        await using var db = Db();
        await using (await db.Database.BeginTransactionAsync())
            Assert.False(SqliteWriteGate.IsFree(ConnectionString(db)));
        Assert.True(SqliteWriteGate.IsFree(ConnectionString(db)));

        await using (var other = Db())
        {
            _ = await other.Database.BeginTransactionAsync();
            Assert.False(SqliteWriteGate.IsFree(ConnectionString(db)));
        }
        // The context went away with its transaction open.
        Assert.True(SqliteWriteGate.IsFree(ConnectionString(db)));
    }

    [Fact]
    public async Task A_failed_save_inside_a_transaction_releases_the_gate()
    {
        await using var db = Db();
        await using (var tx = await db.Database.BeginTransactionAsync())
            await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("INSERT INTO \"NoSuchTable\" VALUES (1)"));
        Assert.True(SqliteWriteGate.IsFree(ConnectionString(db)));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var f in new[] { file, file + "-wal", file + "-shm" })
            File.Delete(f);
    }
}
