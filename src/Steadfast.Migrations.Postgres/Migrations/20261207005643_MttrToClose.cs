using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Steadfast.Migrations.Postgres.Migrations
{
    /// <summary>MTTR to close beside MTTR to resolve, 好评率 and the complaints' response time on the dashboard.</summary>
    public partial class MttrToClose : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WorkOrders_Kpi",
                table: "WorkOrders");

            migrationBuilder.AddColumn<int>(
                name: "CloseMinutes",
                table: "WorkOrders",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Good",
                table: "KpiEngineerCells",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "CloseSum",
                table: "KpiCells",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<int>(
                name: "Closed",
                table: "KpiCells",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "ComplaintFirstResponseCount",
                table: "KpiCells",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "ComplaintFirstResponseSum",
                table: "KpiCells",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<int>(
                name: "Complaints",
                table: "KpiCells",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Good",
                table: "KpiCells",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // Orders closed before this version get their report-to-close minutes; the roll-up of past months is
            // dropped so the worker rebuilds it with the new sums (the dashboard counts those months live meanwhile).
            migrationBuilder.Sql("""
                UPDATE "WorkOrders" SET "CloseMinutes" = CAST(ROUND(EXTRACT(EPOCH FROM ("ClosedAtUtc" - "ReportedAtUtc")) / 60) AS integer)
                WHERE "ClosedAtUtc" IS NOT NULL;
                """);
            migrationBuilder.Sql("""DELETE FROM "KpiCells";""");
            migrationBuilder.Sql("""DELETE FROM "KpiEngineerCells";""");
            migrationBuilder.Sql("""DELETE FROM "KpiMonths";""");

            migrationBuilder.CreateIndex(
                name: "IX_WorkOrders_Kpi",
                table: "WorkOrders",
                columns: new[] { "ReportedDay", "Status", "Region", "ProductCategory", "Type", "ResolutionMinutes", "FirstResponseMinutes", "CloseMinutes", "VisitCount", "ReopenCount", "HasRework", "ReworkOfId", "FirstResponseBreached", "ArrivalBreached", "ResolutionBreached", "LabourCost", "TravelCost", "PartsCost", "SlaBreached", "AssigneeId", "LabourHours", "Category", "Csat", "Nps", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WorkOrders_Kpi",
                table: "WorkOrders");

            migrationBuilder.DropColumn(
                name: "CloseMinutes",
                table: "WorkOrders");

            migrationBuilder.DropColumn(
                name: "Good",
                table: "KpiEngineerCells");

            migrationBuilder.DropColumn(
                name: "CloseSum",
                table: "KpiCells");

            migrationBuilder.DropColumn(
                name: "Closed",
                table: "KpiCells");

            migrationBuilder.DropColumn(
                name: "ComplaintFirstResponseCount",
                table: "KpiCells");

            migrationBuilder.DropColumn(
                name: "ComplaintFirstResponseSum",
                table: "KpiCells");

            migrationBuilder.DropColumn(
                name: "Complaints",
                table: "KpiCells");

            migrationBuilder.DropColumn(
                name: "Good",
                table: "KpiCells");

            migrationBuilder.CreateIndex(
                name: "IX_WorkOrders_Kpi",
                table: "WorkOrders",
                columns: new[] { "ReportedDay", "Status", "Region", "ProductCategory", "Type", "ResolutionMinutes", "FirstResponseMinutes", "VisitCount", "ReopenCount", "HasRework", "ReworkOfId", "FirstResponseBreached", "ArrivalBreached", "ResolutionBreached", "LabourCost", "TravelCost", "PartsCost", "SlaBreached", "AssigneeId", "LabourHours", "Category", "Csat", "Nps", "Id" });
        }
    }
}
