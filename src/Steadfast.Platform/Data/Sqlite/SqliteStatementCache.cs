using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Steadfast.Platform.Data.Sqlite;

/// <summary>
/// Keeps the compiled statements of the group commit's writer connection from one transaction to the
/// next. Microsoft.Data.Sqlite compiles the SQL again for every new command (efcore#14044), and EF makes a
/// new command for every statement. Compiling a work order's INSERT (57 columns, 14 indexes) was a
/// noticeable share of the time each create holds the only writer. Only the writer keeps statements: it lives across many
/// transactions and runs one at a time, so a kept command is never wanted by two callers at once.
/// Pooled connections are closed after each use, which finalizes every statement they compiled.
/// </summary>
internal sealed class SqliteStatementCache : DbCommandInterceptor
{
    public static readonly SqliteStatementCache Instance = new();

    // Far more than the writer's distinct statements; past it, a statement is compiled each time as before.
    internal const int Capacity = 256;
    private static readonly ConditionalWeakTable<SqliteConnection, Shelf> Shelves = [];

    /// <summary>The statements this connection runs are kept until <see cref="Forget"/>.</summary>
    public static void Keep(SqliteConnection connection) => Shelves.AddOrUpdate(connection, new Shelf());

    /// <summary>Finalizes the kept statements; call before the connection closes.</summary>
    public static void Forget(SqliteConnection connection)
    {
        if (!Shelves.TryGetValue(connection, out var shelf))
            return;
        Shelves.Remove(connection);
        foreach (var command in shelf.Commands.Values)
            command.Discard();
        shelf.Commands.Clear();
    }

    /// <summary>For tests: how many statements this connection keeps, and how often one was used again.</summary>
    internal static (int Kept, long Reused) Stats(SqliteConnection connection) =>
        Shelves.TryGetValue(connection, out var shelf) ? (shelf.Commands.Count, shelf.Reused) : (0, 0);

    public override DbCommand CommandInitialized(CommandEndEventData eventData, DbCommand result) => Take(result);

    /// <summary>
    /// The kept command for this one's SQL, with its parameters and transaction moved over, when its
    /// connection keeps statements; else the command itself. For commands made outside EF (the counter).
    /// </summary>
    public static DbCommand Take(DbCommand result)
    {
        if (
            result is KeptCommand
            || result is not SqliteCommand { Connection: { } connection } fresh
            || !Shelves.TryGetValue(connection, out var shelf)
        )
            return result;
        var text = fresh.CommandText;
        if (shelf.Commands.TryGetValue(text, out var kept))
        {
            if (kept.InUse)
                return result;
            shelf.Reused++;
        }
        else
        {
            if (shelf.Commands.Count >= Capacity)
                return result;
            kept = new KeptCommand(shelf, text, connection);
            shelf.Commands[text] = kept;
        }
        kept.InUse = true;
        kept.Transaction = fresh.Transaction;
        kept.CommandTimeout = fresh.CommandTimeout;
        var parameters = fresh.Parameters.Cast<SqliteParameter>().ToArray();
        fresh.Parameters.Clear();
        kept.Parameters.AddRange(parameters);
        fresh.Dispose();
        return kept;
    }

    private sealed class Shelf
    {
        public readonly Dictionary<string, KeptCommand> Commands = new(StringComparer.Ordinal);
        public long Reused;
    }

    private sealed class KeptCommand(Shelf shelf, string text, SqliteConnection connection) : SqliteCommand(text, connection)
    {
        public bool InUse;
        private bool discarded;

        // A statement that failed may be left half-run; it is finalized rather than kept. (ExecuteNonQuery,
        // ExecuteScalar and the async forms all come through here.)
        public override SqliteDataReader ExecuteReader(CommandBehavior behavior)
        {
            try
            {
                return base.ExecuteReader(behavior);
            }
            catch
            {
                Drop();
                throw;
            }
        }

        private void Drop()
        {
            if (shelf.Commands.TryGetValue(CommandText, out var kept) && kept == this)
                shelf.Commands.Remove(CommandText);
            discarded = true;
        }

        public void Discard()
        {
            discarded = true;
            Dispose();
        }

        // EF disposes every command it has run; a kept one goes back on the shelf with its compiled statement.
        protected override void Dispose(bool disposing)
        {
            if (disposing && !discarded)
            {
                InUse = false;
                Parameters.Clear();
                Transaction = null;
                return;
            }
            base.Dispose(disposing);
        }
    }
}
