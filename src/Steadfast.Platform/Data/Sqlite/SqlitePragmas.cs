using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Steadfast.Platform.Data.Sqlite;

/// <summary>
/// Per-connection SQLite settings. WAL lets readers run beside the one writer; synchronous=NORMAL in
/// WAL keeps every committed transaction across a process crash (only power loss can drop the last
/// few); busy_timeout makes a second writer wait instead of failing.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static readonly SqlitePragmas Instance = new();

    // wal_autocheckpoint=0: SqliteCheckpointer copies the log in the background instead of inside a commit.
    // journal_size_limit is twice the log SqliteCheckpointer lets grow before it starts it over: at the same size,
    // the first commit after each restart cut the file back and stalled, again and again under load.
    internal const string Sql =
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON; PRAGMA "
        + "wal_autocheckpoint=0; PRAGMA journal_size_limit=134217728;";

    // The settings belong to the native connection, which the pool hands out again and again; EF "opens"
    // a pooled connection for every query, and running six pragmas each time was a tenth of a create.
    private static readonly ConditionalWeakTable<object, object> Configured = [];

    private static bool IsNew(DbConnection connection) =>
        connection is not SqliteConnection { Handle: { } handle } || Configured.TryAdd(handle, Configured);

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (!IsNew(connection))
            return;
        using var cmd = connection.CreateCommand();
        cmd.CommandText = Sql;
        cmd.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(
        DbConnection connection,
        ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default
    )
    {
        if (!IsNew(connection))
            return;
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = Sql;
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }
}
