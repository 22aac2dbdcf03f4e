using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Steadfast.Migrations.Postgres.Migrations
{
    /// <summary>
    /// Work-order search (Service/WorkOrders/WorkOrderSearch.cs): pg_trgm GIN indexes that answer LIKE '%…%' on the
    /// searched columns, and the two-character grams column a two-character word is looked up in.
    /// </summary>
    public partial class WorkOrderTextSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SearchGrams",
                table: "WorkOrders",
                type: "character varying(8000)",
                maxLength: 8000,
                nullable: false,
                defaultValue: "");
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS pg_trgm;");
            foreach (var column in Columns)
                migrationBuilder.Sql($"""CREATE INDEX "IX_WorkOrders_{column}_Trigram" ON "WorkOrders" USING gin ("{column}" gin_trgm_ops);""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var column in Columns)
                migrationBuilder.Sql($"""DROP INDEX IF EXISTS "IX_WorkOrders_{column}_Trigram";""");
            migrationBuilder.DropColumn(
                name: "SearchGrams",
                table: "WorkOrders");
        }

        private static readonly string[] Columns = ["Number", "FaultDescription", "Diagnosis", "ContactName", "ContactPhone", "SearchGrams"];
    }
}
