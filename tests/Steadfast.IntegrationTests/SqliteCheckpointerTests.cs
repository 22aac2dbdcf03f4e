using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Steadfast.IntegrationTests.Infrastructure;
using Steadfast.Platform.Data;
using Steadfast.Platform.Data.Sqlite;

namespace Steadfast.IntegrationTests;

/// <summary>Under writes that never pause, the checkpointer still gets SQLite's log to start over, and loses nothing.</summary>
public sealed class SqliteCheckpointerTests : IAsyncLifetime
{
    private readonly string file = Path.Combine(Path.GetTempPath(), $"ckpt-{Guid.NewGuid():N}.db");
    private ServiceProvider services = null!;
    private string ConnectionString => $"Data Source={file};Pooling=true";

    public async Task InitializeAsync()
    {
        services = DataLayer.OnSqlite(ConnectionString, TimeProvider.System);
        await using var scope = services.CreateAsyncScope();
        await scope
            .ServiceProvider.GetRequiredService<AppDbContext>()
            .Database.ExecuteSqlRawAsync("CREATE TABLE \"T\" (\"Id\" INTEGER PRIMARY KEY, \"B\" BLOB)");
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var f in new[] { file, file + "-wal", file + "-shm" })
            File.Delete(f);
    }

    // Read from the wal-index header (mxFrame, at byte 16) rather than asked of SQLite: asking means a
    // checkpoint, and that would do part of the work under test.
    private long LogPages()
    {
        using var shm = new FileStream(file + "-shm", FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        Span<byte> header = stackalloc byte[20];
        shm.ReadExactly(header);
        return BitConverter.ToUInt32(header[16..]);
    }

    [Fact]
    public async Task The_log_starts_over_while_writers_keep_writing_and_every_row_stays()
    {
        var written = 0;
        // Set once the checkpoint is done: the writer stops after a few more rows. Stopping it from this thread
        // instead let a busy machine's late wake-up find a hundred rows more, a log regrown past its old length.
        var until = int.MaxValue;
        // One writer that takes the process's write gate again the moment it lets go, as a commit group under
        // load does: no checkpoint outside the gate ever finds the log standing still.
        var writer = Task.Run(async () =>
        {
            using var connection = new SqliteConnection($"Data Source={file};Pooling=false");
            connection.Open();
            var gate = SqliteWriteGate.GateOf(ConnectionString);
            using var insert = connection.CreateCommand();
            insert.CommandText = "PRAGMA wal_autocheckpoint=0;";
            insert.ExecuteNonQuery();
            insert.CommandText = "BEGIN IMMEDIATE; INSERT INTO \"T\" (\"B\") VALUES (zeroblob(8192)); COMMIT;";
            while (Volatile.Read(ref written) < Volatile.Read(ref until))
            {
                await gate.WaitAsync();
                try
                {
                    insert.ExecuteNonQuery();
                }
                finally
                {
                    gate.Release();
                }
                Interlocked.Increment(ref written);
            }
        });
        var checkpointer = new SqliteCheckpointer(
            services.GetRequiredService<IServiceScopeFactory>(),
            TimeProvider.System,
            NullLogger<SqliteCheckpointer>.Instance
        )
        {
            RestartPages = 300,
        };

        // One run once the log is long enough must do it: a checkpoint outside the gate may find a pause
        // by luck now and then, which is no help under steady load.
        long before;
        while ((before = LogPages()) < checkpointer.RestartPages)
            await Task.Delay(10);
        await checkpointer.RunOnceAsync(default);
        Volatile.Write(ref until, Volatile.Read(ref written) + 3);
        await writer;
        var after = LogPages();

        Assert.True(after < before, $"the log did not start over: {before} pages before the checkpoint, {after} after");
        await using var check = services.CreateAsyncScope();
        var count = await check
            .ServiceProvider.GetRequiredService<AppDbContext>()
            .Database.SqlQueryRaw<long>("SELECT COUNT(*) AS \"Value\" FROM \"T\"")
            .SingleAsync();
        Assert.Equal(written, count);
    }
}
