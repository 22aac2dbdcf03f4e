using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

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
    /// The next value of a counter, starting at 1. One statement that both databases run atomically, so
    /// two app nodes never hand out the same number; inside a transaction the number is only used if it commits.
    /// </summary>
    public static async Task<long> NextAsync(this AppDbContext db, string name, CancellationToken ct)
    {
        var values = await db.Database.SqlQuery<long>($"""
            INSERT INTO "Counters" ("Name", "Value") VALUES ({name}, 1)
            ON CONFLICT ("Name") DO UPDATE SET "Value" = "Counters"."Value" + 1
            RETURNING "Value" AS "Value"
            """).ToListAsync(ct);
        return values[0];
    }
}
