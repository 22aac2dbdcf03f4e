using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage;
using Steadfast.Platform.Data.Sqlite;

namespace Steadfast.Platform.Data;

/// <summary>A named counter (work-order numbers per day...). Incremented atomically in the database.</summary>
internal sealed class Counter
{
    public string Name { get; set; } = "";
    public long Value { get; set; }
}

internal sealed class CounterConfiguration : IEntityTypeConfiguration<Counter>
{
    public void Configure(EntityTypeBuilder<Counter> b)
    {
        b.HasKey(c => c.Name);
        b.Property(c => c.Name).HasMaxLength(100);
    }
}

public static class Counters
{
    /// <summary>
    /// Moves a counter up to at least <paramref name="value"/> (never down): after records were numbered outside it (demo
    /// data, an import), the next number follows them.
    /// </summary>
    public static Task RaiseToAsync(this AppDbContext db, string name, long value, CancellationToken ct) =>
        db.Database.ExecuteSqlInterpolatedAsync(
            $"""
            INSERT INTO "Counters" ("Name", "Value") VALUES ({name}, {value})
            ON CONFLICT ("Name") DO UPDATE SET "Value" =
                CASE WHEN "Counters"."Value" < excluded."Value" THEN excluded."Value" ELSE "Counters"."Value" END
            """,
            ct
        );

    /// <summary>
    /// The next value of a counter, starting at 1. One statement that both databases run atomically, so
    /// two app nodes never hand out the same number; inside a transaction the number is only used if it commits.
    /// </summary>
    public static async Task<long> NextAsync(this AppDbContext db, string name, CancellationToken ct)
    {
        // Plain ADO.NET on the context's connection and transaction: through EF's raw-SQL query pipeline this
        // one statement cost as much CPU as a query, and on SQLite it runs while the write lock is held.
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
            await db.Database.OpenConnectionAsync(ct);
        try
        {
            var fresh = connection.CreateCommand();
            fresh.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            fresh.CommandText = """
                INSERT INTO "Counters" ("Name", "Value") VALUES (@name, 1)
                ON CONFLICT ("Name") DO UPDATE SET "Value" = "Counters"."Value" + 1
                RETURNING "Value"
                """;
            var p = fresh.CreateParameter();
            p.ParameterName = "@name";
            p.Value = name;
            fresh.Parameters.Add(p);
            // On SQLite's group-commit writer this runs for every create: compiled once, not each time.
            await using var command = SqliteStatementCache.Take(fresh);
            return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        }
        finally
        {
            if (opened)
                await db.Database.CloseConnectionAsync();
        }
    }
}

/// <summary>
/// A counter value reserved for a record that a transaction is about to write; see <see cref="CounterReservation.ReserveAsync"/>.
/// </summary>
public sealed class ReservedNumber
{
    private readonly AppDbContext db;
    private readonly string name;
    private long? value;

    internal ReservedNumber(AppDbContext db, string name, long? value) => (this.db, this.name, this.value) = (db, name, value);

    /// <summary>The number. Call it inside the transaction that writes the record.</summary>
    public async ValueTask<long> TakeAsync(CancellationToken ct) => value ??= await db.NextAsync(name, ct);
}

public static class CounterReservation
{
    /// <summary>
    /// Reserves a counter's next value for a record written in a transaction that follows. On PostgreSQL the value
    /// is taken at once, in a statement of its own: taken inside the transaction, the counter's row would stay
    /// locked until commit and every concurrent writer would queue on it; the price is a gap in the numbers when
    /// that transaction fails, as with Odoo's standard sequences. On SQLite the one write lock serializes the whole
    /// transaction anyway, so the value is taken inside it, where it costs no commit of its own.
    /// </summary>
    public static async Task<ReservedNumber> ReserveAsync(this AppDbContext db, string name, CancellationToken ct) =>
        new(db, name, db.IsSqlite ? null : await db.NextAsync(name, ct));
}
