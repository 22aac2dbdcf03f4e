using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Steadfast.Platform.Data;

#nullable disable

namespace Steadfast.Migrations.Sqlite.Migrations
{
    /// <summary>
    /// Trigram indexes for customer search (CustomerTextSearch): FTS5 tables over the customers' and
    /// contacts' own rows (external content, by rowid), kept in step by triggers. The model does not know
    /// them, so a later migration that rebuilds Customers or Contacts drops the triggers: the test
    /// Customer_search_index_is_kept_by_triggers fails until they are created again.
    /// </summary>
    [DbContext(typeof(AppDbContext))]
    [Migration("20261127214000_CustomerTextSearch")]
    public partial class CustomerTextSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var (table, fts, a, b) in Indexed)
            {
                migrationBuilder.Sql($"""CREATE VIRTUAL TABLE "{fts}" USING fts5("{a}", "{b}", content='{table}', content_rowid='rowid', tokenize='trigram');""");
                migrationBuilder.Sql($"""
                    CREATE TRIGGER "{fts}_insert" AFTER INSERT ON "{table}" BEGIN
                      INSERT INTO "{fts}"(rowid, "{a}", "{b}") VALUES (new.rowid, new."{a}", new."{b}");
                    END;
                    """);
                migrationBuilder.Sql($"""
                    CREATE TRIGGER "{fts}_delete" AFTER DELETE ON "{table}" BEGIN
                      INSERT INTO "{fts}"("{fts}", rowid, "{a}", "{b}") VALUES ('delete', old.rowid, old."{a}", old."{b}");
                    END;
                    """);
                migrationBuilder.Sql($"""
                    CREATE TRIGGER "{fts}_update" AFTER UPDATE OF "{a}", "{b}" ON "{table}" BEGIN
                      INSERT INTO "{fts}"("{fts}", rowid, "{a}", "{b}") VALUES ('delete', old.rowid, old."{a}", old."{b}");
                      INSERT INTO "{fts}"(rowid, "{a}", "{b}") VALUES (new.rowid, new."{a}", new."{b}");
                    END;
                    """);
                migrationBuilder.Sql($"""INSERT INTO "{fts}"("{fts}") VALUES ('rebuild');""");
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var (_, fts, _, _) in Indexed)
            {
                foreach (var trigger in new[] { "insert", "delete", "update" })
                    migrationBuilder.Sql($"""DROP TRIGGER IF EXISTS "{fts}_{trigger}";""");
                migrationBuilder.Sql($"""DROP TABLE IF EXISTS "{fts}";""");
            }
        }

        private static readonly (string Table, string Fts, string A, string B)[] Indexed =
        [
            ("Customers", "CustomerText", "Name", "Phone"),
            ("Contacts", "ContactText", "Mobile", "Phone"),
        ];
    }
}
