using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Steadfast.Migrations.Postgres.Migrations
{
    /// <summary>Dispatch rules per region and severity, each engineer's daily cap (6 for those who exist), and when an order was assigned.</summary>
    public partial class AutoDispatch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "AssignedAtUtc",
                table: "WorkOrders",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "DailyCap",
                table: "EngineerProfiles",
                type: "integer",
                nullable: false,
                defaultValue: 6);

            migrationBuilder.CreateTable(
                name: "DispatchRules",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Region = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Severity = table.Column<int>(type: "integer", nullable: true),
                    Mode = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DispatchRules", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_WorkOrders_AssigneeId_AssignedAtUtc",
                table: "WorkOrders",
                columns: new[] { "AssigneeId", "AssignedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_DispatchRules_Region_Severity",
                table: "DispatchRules",
                columns: new[] { "Region", "Severity" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DispatchRules");

            migrationBuilder.DropIndex(
                name: "IX_WorkOrders_AssigneeId_AssignedAtUtc",
                table: "WorkOrders");

            migrationBuilder.DropColumn(
                name: "AssignedAtUtc",
                table: "WorkOrders");

            migrationBuilder.DropColumn(
                name: "DailyCap",
                table: "EngineerProfiles");
        }
    }
}
