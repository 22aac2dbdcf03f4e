using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Steadfast.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ReceivablesIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Instalments_Ageing",
                table: "Instalments");

            migrationBuilder.CreateIndex(
                name: "IX_Invoices_CustomerId_IssuedOn_Amount",
                table: "Invoices",
                columns: new[] { "CustomerId", "IssuedOn", "Amount" });

            migrationBuilder.CreateIndex(
                name: "IX_Instalments_Ageing",
                table: "Instalments",
                columns: new[] { "CustomerId", "DueOn", "Open", "OwnerId", "Region", "Owed" },
                filter: "\"Owed\" AND \"Open\" > 0");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Invoices_CustomerId_IssuedOn_Amount",
                table: "Invoices");

            migrationBuilder.DropIndex(
                name: "IX_Instalments_Ageing",
                table: "Instalments");

            migrationBuilder.CreateIndex(
                name: "IX_Instalments_Ageing",
                table: "Instalments",
                columns: new[] { "Owed", "DueOn", "CustomerId", "Open", "OwnerId" });
        }
    }
}
