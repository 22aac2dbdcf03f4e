using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Steadfast.Platform.Data;

#nullable disable

namespace Steadfast.Migrations.Sqlite.Migrations
{
    /// <summary>
    /// The search indexes' insert triggers skip while a bulk write holds a row in "TextIndexDeferral"
    /// (see Platform/Data/TextIndexDeferral.cs); that write indexes its rows itself, once per batch.
    /// </summary>
    [DbContext(typeof(AppDbContext))]
    [Migration("20261128160500_TextIndexDeferral")]
    public partial class TextIndexDeferral : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""CREATE TABLE "TextIndexDeferral" ("Id" INTEGER NOT NULL PRIMARY KEY);""");
            foreach (var (table, fts, a, b) in Indexed)
                Recreate(migrationBuilder, table, fts, a, b, """WHEN NOT EXISTS (SELECT 1 FROM "TextIndexDeferral")""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var (table, fts, a, b) in Indexed)
                Recreate(migrationBuilder, table, fts, a, b, "");
            migrationBuilder.Sql("""DROP TABLE IF EXISTS "TextIndexDeferral";""");
        }

        private static void Recreate(MigrationBuilder migrationBuilder, string table, string fts, string a, string b, string when)
        {
            migrationBuilder.Sql($"""DROP TRIGGER IF EXISTS "{fts}_insert";""");
            migrationBuilder.Sql($"""
                CREATE TRIGGER "{fts}_insert" AFTER INSERT ON "{table}" {when} BEGIN
                  INSERT INTO "{fts}"(rowid, "{a}", "{b}") VALUES (new.rowid, new."{a}", new."{b}");
                END;
                """);
        }

        private static readonly (string Table, string Fts, string A, string B)[] Indexed =
        [
            ("Customers", "CustomerText", "Name", "Phone"),
            ("Contacts", "ContactText", "Mobile", "Phone"),
        ];
    }
}
