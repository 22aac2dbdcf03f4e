using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Steadfast.Platform.Data;

namespace Steadfast.Bench;

/// <summary>
/// Writes many entities at once, mapped by the EF model itself (table, columns, value converters), so
/// the rows are exactly what the app would have written: binary COPY on PostgreSQL, one transaction of
/// prepared INSERTs on SQLite. For generating benchmark data only: no audit rows, no outbox.
/// </summary>
internal static class BulkWriter
{
    private sealed record Column(string Name, IProperty Property, RelationalTypeMapping Mapping, string PgType);

    private static List<Column> Columns(AppDbContext db, Type type, out string table)
    {
        var entity = db.Model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not in the model");
        table = entity.GetTableName()!;
        var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
        return
        [
            .. entity
                .GetProperties()
                .Select(p =>
                {
                    var mapping = (RelationalTypeMapping)p.GetTypeMapping();
                    var pgType = mapping.StoreType;
                    var paren = pgType.IndexOf('(', StringComparison.Ordinal);
                    if (paren > 0)
                        pgType = pgType[..paren].Trim();
                    return new Column(p.GetColumnName(store)!, p, mapping, pgType);
                }),
        ];
    }

    private static object? Value(Column c, object entity)
    {
        var value = c.Property.GetGetter().GetClrValueUsingContainingEntity(entity);
        return value is null ? null
            : c.Mapping.Converter is { } conv ? conv.ConvertToProvider(value)
            : value;
    }

    public static async Task<long> WriteAsync<T>(AppDbContext db, IEnumerable<T> rows)
        where T : class
    {
        var columns = Columns(db, typeof(T), out var table);
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
            await db.Database.OpenConnectionAsync();
        return connection is NpgsqlConnection pg
            ? await CopyAsync(pg, table, columns, rows)
            : await InsertAsync(connection, table, columns, rows);
    }

    /// <summary>One row by a plain parameterised INSERT in a transaction of its own, on either database.</summary>
    public static async Task InsertOneAsync<T>(AppDbContext db, T row)
        where T : class
    {
        var columns = Columns(db, typeof(T), out var table);
        await db.Database.OpenConnectionAsync();
        await InsertAsync(db.Database.GetDbConnection(), table, columns, [row], prepare: false);
    }

    private static async Task<long> CopyAsync<T>(NpgsqlConnection connection, string table, List<Column> columns, IEnumerable<T> rows)
        where T : class
    {
        var names = string.Join(", ", columns.Select(c => $"\"{c.Name}\""));
        await using var importer = await connection.BeginBinaryImportAsync($"COPY \"{table}\" ({names}) FROM STDIN (FORMAT BINARY)");
        long n = 0;
        foreach (var row in rows)
        {
            await importer.StartRowAsync();
            foreach (var c in columns)
            {
                var value = Value(c, row);
                if (value is null)
                    await importer.WriteNullAsync();
                else
                    await importer.WriteAsync(value, c.PgType);
            }
            n++;
        }
        await importer.CompleteAsync();
        return n;
    }

    private static async Task<long> InsertAsync<T>(
        DbConnection connection,
        string table,
        List<Column> columns,
        IEnumerable<T> rows,
        bool prepare = true
    )
        where T : class
    {
        await using var tx = await connection.BeginTransactionAsync();
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText =
            $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) VALUES "
            + $"({string.Join(", ", columns.Select((_, i) => "@p" + i))})";
        // The type mapping configures each parameter as the app's own commands would (GUIDs as upper-case text on SQLite, say).
        var parameters = columns.Select((c, i) => c.Mapping.CreateParameter(command, "@p" + i, null, nullable: true)).ToArray();
        command.Parameters.AddRange(parameters);
        if (prepare)
            await command.PrepareAsync();
        long n = 0;
        foreach (var row in rows)
        {
            for (var i = 0; i < columns.Count; i++)
                parameters[i].Value = Value(columns[i], row) ?? DBNull.Value;
            await command.ExecuteNonQueryAsync();
            n++;
        }
        await tx.CommitAsync();
        return n;
    }
}
