using Microsoft.EntityFrameworkCore;

namespace Steadfast.Platform.Data;

/// <summary>
/// "Contains" search over some text columns of a table, answered from a trigram index rather than a scan:
/// on SQLite an FTS5 table named <see cref="SqliteTable"/> (external content by rowid, kept by triggers that a
/// migration creates), on PostgreSQL pg_trgm GIN indexes on the columns, which LIKE can use. A module registers
/// one per indexed table as a singleton, so bulk writes (imports) can keep the SQLite side cheap too.
/// Table and column names come from code, never from a request.
/// </summary>
public sealed record TextIndex(string Table, string SqliteTable, params string[] Columns)
{
    /// <summary>A trigram index finds strings of three characters or more; shorter ones are scanned.</summary>
    private const int MinIndexedLength = 3;

    /// <summary>Values of <paramref name="idColumn"/> of the rows where any indexed column contains <paramref name="term"/>.</summary>
    public IQueryable<Guid> Containing(AppDbContext db, string idColumn, string term) => ContainingIn(db, idColumn, term, Columns);

    /// <summary>
    /// As <see cref="Containing"/>, in some of the indexed columns only: each column left out is one index fewer to read
    /// and one condition fewer to check on every candidate row.
    /// </summary>
    public IQueryable<Guid> ContainingIn(AppDbContext db, string idColumn, string term, IReadOnlyCollection<string> columns)
    {
        if (columns.Count == 0 || columns.Any(c => !Columns.Contains(c, StringComparer.Ordinal)))
            throw new ArgumentException("Search only columns the index holds.", nameof(columns));
        // FTS5's column filter; the names are the index's own, barewords.
        var filter = columns.Count == Columns.Length ? "" : "{" + string.Join(" ", columns) + "} : ";
        string sql;
        object value;
        if (db.IsSqlite && term.EnumerateRunes().Count() >= MinIndexedLength)
        {
            // A phrase of the trigram tokenizer matches where the text contains it, in any indexed column.
            sql = $$"""
                SELECT t."{{idColumn}}" AS "Value" FROM "{{Table}}" AS t
                WHERE t.rowid IN (SELECT rowid FROM "{{SqliteTable}}" WHERE "{{SqliteTable}}" MATCH {0})
                """;
            value = filter + "\"" + term.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        }
        else if (db.IsSqlite)
        {
            sql = $"""SELECT t."{idColumn}" AS "Value" FROM "{Table}" AS t WHERE {Any(columns, c => $"instr(t.\"{c}\", {{0}}) > 0")}""";
            value = term;
        }
        else
        {
            // LIKE, not strpos(): only LIKE can use the trigram index.
            sql =
                $"""SELECT t."{idColumn}" AS "Value" FROM "{Table}" AS t WHERE {Any(columns, c => $"t.\"{c}\" LIKE {{0}} ESCAPE '\\'")}""";
            value = "%" + EscapeLike(term) + "%";
        }
        return db.Database.SqlQueryRaw<Guid>(sql, value);
    }

    /// <summary>
    /// Ids of the rows of <paramref name="table"/> whose <paramref name="column"/> starts with <paramref name="prefix"/>,
    /// answered by the column's ordinary index: on SQLite as a range (its LIKE cannot use the index), on PostgreSQL as LIKE.
    /// </summary>
    public static IQueryable<Guid> StartingWith(AppDbContext db, string table, string column, string prefix)
    {
        var sql = db.IsSqlite
            ? $$"""SELECT t."Id" AS "Value" FROM "{{table}}" AS t WHERE t."{{column}}" >= {0} AND t."{{column}}" < {1}"""
            : $$"""SELECT t."Id" AS "Value" FROM "{{table}}" AS t WHERE t."{{column}}" LIKE {0} ESCAPE '\'""";
        object[] values = db.IsSqlite ? [prefix, prefix + char.MaxValue] : [EscapeLike(prefix) + "%"];
        return db.Database.SqlQueryRaw<Guid>(sql, values);
    }

    /// <summary>The condition on each of the columns, joined by OR.</summary>
    private static string Any(IEnumerable<string> columns, Func<string, string> condition) =>
        string.Join(" OR ", columns.Select(condition));

    private static string EscapeLike(string s) =>
        s.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal);
}
