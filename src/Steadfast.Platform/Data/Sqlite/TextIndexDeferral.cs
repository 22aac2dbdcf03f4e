using Microsoft.EntityFrameworkCore;

namespace Steadfast.Platform.Data.Sqlite;

/// <summary>
/// Lets a bulk write (an import batch) index its new rows in one statement per index instead of one per row.
/// FTS5 flushes its pending terms at every statement that writes it inside a transaction, and each flush
/// pays for a share of the index's merge work. Fed row by row from the insert triggers, each imported
/// row cost more as the table grew, and large imports took several times as long. The insert triggers skip while a row is in
/// "TextIndexDeferral"; that row is written and
/// removed inside the caller's transaction, so no other connection ever sees it, and a crash rolls it
/// back with the rows it covered.
/// </summary>
public sealed class TextIndexDeferral
{
    private readonly AppDbContext db;
    private readonly List<(TextIndex Index, long After)> marks;

    private TextIndexDeferral(AppDbContext db, List<(TextIndex, long)> marks) => (this.db, this.marks) = (db, marks);

    /// <summary>Starts deferring; null on PostgreSQL, whose trigram indexes have no such cost. Call inside a transaction.</summary>
    public static async Task<TextIndexDeferral?> BeginAsync(AppDbContext db, IEnumerable<TextIndex> indexes, CancellationToken ct)
    {
        if (!db.IsSqlite)
            return null;
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("A text index can only be deferred inside a transaction.");
        // The row goes in first: that takes the write lock, so no other writer adds rows between the marks and the save.
        await db.Database.ExecuteSqlRawAsync("""INSERT INTO "TextIndexDeferral" DEFAULT VALUES""", ct);
        var marks = new List<(TextIndex, long)>();
        foreach (var index in indexes)
        {
            // Names come from the modules' registrations, never from a request.
            var last = $"""SELECT coalesce(max(rowid), 0) AS "Value" FROM "{index.Table}" """;
            marks.Add((index, await db.Database.SqlQueryRaw<long>(last).SingleAsync(ct)));
        }
        return new TextIndexDeferral(db, marks);
    }

    /// <summary>Indexes the rows inserted since <see cref="BeginAsync"/> and lets the triggers work again.</summary>
    public async Task CompleteAsync(CancellationToken ct)
    {
        foreach (var (index, after) in marks)
        {
            var columns = string.Join(", ", index.Columns.Select(c => $"\"{c}\""));
            // A rowid table hands out max(rowid) + 1 while the write lock is held, so "after the mark" is exactly the new rows.
            var catchUp =
                $"INSERT INTO \"{index.SqliteTable}\"(rowid, {columns}) SELECT rowid, {columns} FROM \"{index.Table}\" WHERE rowid > {{0}}";
            await db.Database.ExecuteSqlRawAsync(catchUp, [after], ct);
        }
        await db.Database.ExecuteSqlRawAsync("""DELETE FROM "TextIndexDeferral" """, ct);
    }
}
