using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Steadfast.IntegrationTests.Infrastructure;
using Steadfast.Platform.Data;
using Steadfast.Platform.Data.Sqlite;

namespace Steadfast.IntegrationTests;

/// <summary>
/// SQLite's search indexes skip their insert triggers while a bulk write holds the deferral, and that
/// write indexes its rows itself; once it commits or rolls back the triggers work again.
/// </summary>
public sealed class TextIndexDeferralTests(SqliteFactory app) : IClassFixture<SqliteFactory>
{
    private static Task<int> InsertAsync(AppDbContext db, string marker) =>
        db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO "Customers" ("Id", "Name", "MatchKey", "Industry", "Province", "City", "Address", "Phone", "Tier", "Status",
              "Tags", "CreatedAtUtc", "Version", "CustomFields")
            VALUES ({Guid.NewGuid()}, {"延迟索引"
                + marker
                + "有限公司"}, {marker}, '', '', '', '', '', 0, 0, '', '2026-11-28 00:00:00', 1, {"{}"})
            """
        );

    private static Task<int> IndexedAsync(AppDbContext db, string marker) =>
        db
            .Database.SqlQuery<int>($"""SELECT count(*) AS "Value" FROM "CustomerText" WHERE "CustomerText" MATCH {'"' + marker + '"'}""")
            .SingleAsync();

    [Fact]
    public async Task A_deferred_batch_indexes_its_rows_itself_and_the_triggers_resume_after_commit_or_rollback()
    {
        var indexes = app.Services.GetServices<TextIndex>().ToList();
        Assert.Contains(indexes, i => i.SqliteTable == "CustomerText");
        Assert.Contains(indexes, i => i.SqliteTable == "ContactText");
        var (kept, rolledBack, after) = (Marker(), Marker(), Marker());

        await app.DbAsync(async db =>
        {
            await using (var tx = await db.Database.BeginTransactionAsync())
            {
                var deferral = await TextIndexDeferral.BeginAsync(db, indexes, default);
                await InsertAsync(db, kept);
                Assert.Equal(0, await IndexedAsync(db, kept));
                await deferral!.CompleteAsync(default);
                Assert.Equal(1, await IndexedAsync(db, kept));
                await tx.CommitAsync();
            }
            await using (var tx = await db.Database.BeginTransactionAsync())
            {
                await TextIndexDeferral.BeginAsync(db, indexes, default);
                await InsertAsync(db, rolledBack);
                await tx.RollbackAsync();
            }
            Assert.Equal(0, await db.Database.SqlQuery<int>($"""SELECT count(*) AS "Value" FROM "TextIndexDeferral" """).SingleAsync());
            await InsertAsync(db, after);
            Assert.Equal(1, await IndexedAsync(db, after));
            Assert.Equal(0, await IndexedAsync(db, rolledBack));
            Assert.Equal(1, await IndexedAsync(db, kept));
            return 0;
        });
    }

    [Fact]
    public async Task Deferring_outside_a_transaction_is_refused() =>
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            app.DbAsync(db => TextIndexDeferral.BeginAsync(db, app.Services.GetServices<TextIndex>(), default))
        );

    private static string Marker() => Guid.NewGuid().ToString("N")[..8];
}
