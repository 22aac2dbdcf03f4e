using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Steadfast.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PartLife : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PartFittings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PartId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MachineId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProductId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    WorkOrderId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Quantity = table.Column<long>(type: "INTEGER", nullable: false),
                    FittedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    FittedHours = table.Column<double>(type: "REAL", nullable: true),
                    ReplacedSerial = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ReplacedLifeDays = table.Column<int>(type: "INTEGER", nullable: true),
                    ReplacedLifeHours = table.Column<double>(type: "REAL", nullable: true),
                    BeforeFailure = table.Column<bool>(type: "INTEGER", nullable: false),
                    RemovedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ExpectedEndOn = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PartFittings", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PartFittings_ExpectedEndOn_RemovedOn",
                table: "PartFittings",
                columns: new[] { "ExpectedEndOn", "RemovedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_PartFittings_MachineId_PartId_FittedOn",
                table: "PartFittings",
                columns: new[] { "MachineId", "PartId", "FittedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_PartFittings_PartId_ProductId_ReplacedLifeDays_ReplacedLifeHours_BeforeFailure",
                table: "PartFittings",
                columns: new[] { "PartId", "ProductId", "ReplacedLifeDays", "ReplacedLifeHours", "BeforeFailure" });

            migrationBuilder.CreateIndex(
                name: "IX_PartFittings_WorkOrderId",
                table: "PartFittings",
                column: "WorkOrderId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PartFittings");
        }
    }
}
