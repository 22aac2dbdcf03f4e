using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Steadfast.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class KpiRollup : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "KpiCells",
                columns: table => new
                {
                    Period = table.Column<int>(type: "INTEGER", nullable: false),
                    Region = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ProductCategory = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Reported = table.Column<int>(type: "INTEGER", nullable: false),
                    Resolved = table.Column<int>(type: "INTEGER", nullable: false),
                    Open = table.Column<int>(type: "INTEGER", nullable: false),
                    FirstResponseSum = table.Column<long>(type: "INTEGER", nullable: false),
                    FirstResponseCount = table.Column<int>(type: "INTEGER", nullable: false),
                    ResolutionSum = table.Column<long>(type: "INTEGER", nullable: false),
                    FirstTimeFix = table.Column<int>(type: "INTEGER", nullable: false),
                    Repairs = table.Column<int>(type: "INTEGER", nullable: false),
                    Rework = table.Column<int>(type: "INTEGER", nullable: false),
                    FrMet = table.Column<int>(type: "INTEGER", nullable: false),
                    FrDecided = table.Column<int>(type: "INTEGER", nullable: false),
                    ArMet = table.Column<int>(type: "INTEGER", nullable: false),
                    ArDecided = table.Column<int>(type: "INTEGER", nullable: false),
                    ResMet = table.Column<int>(type: "INTEGER", nullable: false),
                    ResDecided = table.Column<int>(type: "INTEGER", nullable: false),
                    CostSum = table.Column<long>(type: "INTEGER", nullable: false),
                    Breached = table.Column<int>(type: "INTEGER", nullable: false),
                    Surveys = table.Column<int>(type: "INTEGER", nullable: false),
                    CsatSum = table.Column<long>(type: "INTEGER", nullable: false),
                    Promoters = table.Column<int>(type: "INTEGER", nullable: false),
                    Detractors = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KpiCells", x => new { x.Period, x.Region, x.ProductCategory, x.Category });
                });

            migrationBuilder.CreateTable(
                name: "KpiEngineerCells",
                columns: table => new
                {
                    Period = table.Column<int>(type: "INTEGER", nullable: false),
                    Region = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ProductCategory = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    AssigneeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Resolved = table.Column<int>(type: "INTEGER", nullable: false),
                    LabourHours = table.Column<double>(type: "REAL", nullable: false),
                    CsatSum = table.Column<long>(type: "INTEGER", nullable: false),
                    Surveys = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KpiEngineerCells", x => new { x.Period, x.Region, x.ProductCategory, x.AssigneeId });
                });

            migrationBuilder.CreateTable(
                name: "KpiMonths",
                columns: table => new
                {
                    Month = table.Column<int>(type: "INTEGER", nullable: false),
                    RolledAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KpiMonths", x => x.Month);
                });

            migrationBuilder.CreateTable(
                name: "KpiTouches",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Month = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KpiTouches", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_KpiTouches_Month",
                table: "KpiTouches",
                column: "Month");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "KpiCells");

            migrationBuilder.DropTable(
                name: "KpiEngineerCells");

            migrationBuilder.DropTable(
                name: "KpiMonths");

            migrationBuilder.DropTable(
                name: "KpiTouches");
        }
    }
}
