using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Steadfast.Platform.Data;

#nullable disable

namespace Steadfast.Migrations.Postgres.Migrations
{
    /// <summary>
    /// Trigram indexes for customer search (CustomerTextSearch): pg_trgm GIN indexes that answer
    /// LIKE '%…%'. pg_trgm is a trusted extension: a role that may create objects in the database may add it.
    /// </summary>
    [DbContext(typeof(AppDbContext))]
    [Migration("20261127214005_CustomerTextSearch")]
    public partial class CustomerTextSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS pg_trgm;");
            foreach (var (table, column) in Indexed)
                migrationBuilder.Sql($"""CREATE INDEX "IX_{table}_{column}_Trigram" ON "{table}" USING gin ("{column}" gin_trgm_ops);""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var (table, column) in Indexed)
                migrationBuilder.Sql($"""DROP INDEX IF EXISTS "IX_{table}_{column}_Trigram";""");
        }

        private static readonly (string Table, string Column)[] Indexed =
            [("Customers", "Name"), ("Customers", "Phone"), ("Contacts", "Mobile"), ("Contacts", "Phone")];
    }
}
