using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Steadfast.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SurveyScoresOnOrders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WorkOrders_Kpi",
                table: "WorkOrders");

            migrationBuilder.AddColumn<int>(
                name: "Csat",
                table: "WorkOrders",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Nps",
                table: "WorkOrders",
                type: "INTEGER",
                nullable: true);

            // Answers given before the copy existed, before the index is built.
            migrationBuilder.Sql("""
                UPDATE "WorkOrders" SET
                    "Csat" = (SELECT s."Csat" FROM "Surveys" s WHERE s."WorkOrderId" = "WorkOrders"."Id"),
                    "Nps" = (SELECT s."Nps" FROM "Surveys" s WHERE s."WorkOrderId" = "WorkOrders"."Id")
                WHERE "Id" IN (SELECT "WorkOrderId" FROM "Surveys");
                """);

            migrationBuilder.CreateIndex(
                name: "IX_WorkOrders_Kpi",
                table: "WorkOrders",
                columns: new[] { "ReportedDay", "Status", "Region", "ProductCategory", "Type", "ResolutionMinutes", "FirstResponseMinutes", "VisitCount", "ReopenCount", "HasRework", "ReworkOfId", "FirstResponseBreached", "ArrivalBreached", "ResolutionBreached", "LabourCost", "TravelCost", "PartsCost", "SlaBreached", "AssigneeId", "LabourHours", "Category", "Csat", "Nps", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WorkOrders_Kpi",
                table: "WorkOrders");

            migrationBuilder.DropColumn(
                name: "Csat",
                table: "WorkOrders");

            migrationBuilder.DropColumn(
                name: "Nps",
                table: "WorkOrders");

            migrationBuilder.CreateIndex(
                name: "IX_WorkOrders_Kpi",
                table: "WorkOrders",
                columns: new[] { "ReportedDay", "Status", "Region", "ProductCategory", "Type", "ResolutionMinutes", "FirstResponseMinutes", "VisitCount", "ReopenCount", "HasRework", "ReworkOfId", "FirstResponseBreached", "ArrivalBreached", "ResolutionBreached", "LabourCost", "TravelCost", "PartsCost", "SlaBreached", "AssigneeId", "LabourHours", "Category", "Id" });
        }
    }
}
