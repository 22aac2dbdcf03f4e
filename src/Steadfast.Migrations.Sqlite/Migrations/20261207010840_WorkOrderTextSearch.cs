using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Steadfast.Migrations.Sqlite.Migrations
{
    /// <summary>
    /// Work-order search (Service/WorkOrders/WorkOrderSearch.cs): an FTS5 trigram table over the orders' own rows
    /// (external content, by rowid), kept by triggers that skip while a bulk write defers them (TextIndexDeferral),
    /// and the two-character grams column a two-character word is looked up in.
    /// </summary>
    public partial class WorkOrderTextSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SearchGrams",
                table: "WorkOrders",
                type: "TEXT",
                maxLength: 8000,
                nullable: false,
                defaultValue: "");
            var list = string.Join(", ", Columns.Select(c => $"\"{c}\""));
            var news = string.Join(", ", Columns.Select(c => $"new.\"{c}\""));
            var olds = string.Join(", ", Columns.Select(c => $"old.\"{c}\""));
            migrationBuilder.Sql(
                $"""CREATE VIRTUAL TABLE "WorkOrderText" USING fts5({list}, content='WorkOrders', content_rowid='rowid', tokenize='trigram');"""
            );
            migrationBuilder.Sql($"""
                CREATE TRIGGER "WorkOrderText_insert" AFTER INSERT ON "WorkOrders" WHEN NOT EXISTS (SELECT 1 FROM "TextIndexDeferral") BEGIN
                  INSERT INTO "WorkOrderText"(rowid, {list}) VALUES (new.rowid, {news});
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER "WorkOrderText_delete" AFTER DELETE ON "WorkOrders" BEGIN
                  INSERT INTO "WorkOrderText"("WorkOrderText", rowid, {list}) VALUES ('delete', old.rowid, {olds});
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER "WorkOrderText_update" AFTER UPDATE OF {list} ON "WorkOrders" BEGIN
                  INSERT INTO "WorkOrderText"("WorkOrderText", rowid, {list}) VALUES ('delete', old.rowid, {olds});
                  INSERT INTO "WorkOrderText"(rowid, {list}) VALUES (new.rowid, {news});
                END;
                """);
            migrationBuilder.Sql("""INSERT INTO "WorkOrderText"("WorkOrderText") VALUES ('rebuild');""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var trigger in new[] { "insert", "delete", "update" })
                migrationBuilder.Sql($"""DROP TRIGGER IF EXISTS "WorkOrderText_{trigger}";""");
            migrationBuilder.Sql("""DROP TABLE IF EXISTS "WorkOrderText";""");
            migrationBuilder.DropColumn(
                name: "SearchGrams",
                table: "WorkOrders");
        }

        private static readonly string[] Columns = ["Number", "FaultDescription", "Diagnosis", "ContactName", "ContactPhone", "SearchGrams"];
    }
}
