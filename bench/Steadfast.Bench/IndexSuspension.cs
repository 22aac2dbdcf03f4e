using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Steadfast.Platform.Data;

namespace Steadfast.Bench;

/// <summary>
/// Drops a table's secondary indexes for a bulk load and builds them again after it, from their own
/// definitions. Kept row by row on SQLite, the work-order indexes made generation take 608 s of the
/// 600 s allowed; one sorted build per index at the end is a fraction of that.
/// </summary>
internal sealed class IndexSuspension(List<string> definitions)
{
    public static async Task<IndexSuspension> DropAsync(AppDbContext db, params string[] tables)
    {
        var sql = db.IsSqlite
            ? $"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({Quoted(tables)})"
            : $"SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename IN ({Quoted(tables)}) AND "
                + $"indexname NOT LIKE 'PK\\_%'";
        var found = new List<(string Name, string Definition)>();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            await using (var cmd = connection.CreateCommand())
            {
                cmd.CommandText = sql;
                await using var reader = await cmd.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                    found.Add((reader.GetString(0), reader.GetString(1)));
            }
            foreach (var (name, _) in found)
                await ExecuteAsync(connection, $"DROP INDEX \"{name}\"");
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return new IndexSuspension([.. found.Select(f => f.Definition)]);
    }

    public int Count => definitions.Count;

    public async Task RestoreAsync(AppDbContext db)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            // PostgreSQL sorts each index in memory when it may: its default 64 MB spills a million rows to disk.
            if (!db.IsSqlite)
                await ExecuteAsync(connection, "SET maintenance_work_mem = '512MB'");
            foreach (var definition in definitions)
                await ExecuteAsync(connection, definition);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.CommandTimeout = 0;
        await cmd.ExecuteNonQueryAsync();
    }

    private static string Quoted(string[] tables) => string.Join(", ", tables.Select(t => $"'{t}'"));
}
