using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Steadfast.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ListAndKpiIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WorkOrders_Region_ReportedDay",
                table: "WorkOrders");

            migrationBuilder.DropIndex(
                name: "IX_WorkOrders_ReportedDay",
                table: "WorkOrders");

            migrationBuilder.CreateIndex(
                name: "IX_WorkOrders_Kpi",
                table: "WorkOrders",
                columns: new[] { "ReportedDay", "Status", "Region", "ProductCategory", "Type", "ResolutionMinutes", "FirstResponseMinutes", "VisitCount", "ReopenCount", "HasRework", "ReworkOfId", "FirstResponseBreached", "ArrivalBreached", "ResolutionBreached", "LabourCost", "TravelCost", "PartsCost", "SlaBreached", "AssigneeId", "LabourHours", "Category", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkOrders_Region_ReportedDay_Status",
                table: "WorkOrders",
                columns: new[] { "Region", "ReportedDay", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkOrders_Region_Status_Page",
                table: "WorkOrders",
                columns: new[] { "Region", "Status", "ReportedAtUtc", "Id", "ReportedDay" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WorkOrders_Kpi",
                table: "WorkOrders");

            migrationBuilder.DropIndex(
                name: "IX_WorkOrders_Region_ReportedDay_Status",
                table: "WorkOrders");

            migrationBuilder.DropIndex(
                name: "IX_WorkOrders_Region_Status_Page",
                table: "WorkOrders");

            migrationBuilder.CreateIndex(
                name: "IX_WorkOrders_Region_ReportedDay",
                table: "WorkOrders",
                columns: new[] { "Region", "ReportedDay" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkOrders_ReportedDay",
                table: "WorkOrders",
                column: "ReportedDay");
        }
    }
}
