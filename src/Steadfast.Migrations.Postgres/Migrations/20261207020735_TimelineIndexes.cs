using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Steadfast.Migrations.Postgres.Migrations
{
    /// <summary>
    /// The customer's and the machine's timelines page on the server: visits, surveys and call-backs carry their order's
    /// customer and machine (backfilled here), and each of them and the orders have an index led by both.
    /// </summary>
    public partial class TimelineIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "CustomerId",
                table: "WorkOrderVisits",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<Guid>(
                name: "MachineId",
                table: "WorkOrderVisits",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "CustomerId",
                table: "Surveys",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<Guid>(
                name: "MachineId",
                table: "Surveys",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "CustomerId",
                table: "CallbackTasks",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<Guid>(
                name: "MachineId",
                table: "CallbackTasks",
                type: "uuid",
                nullable: true);

            // Rows written before: their order's customer and machine.
            foreach (var table in new[] { "WorkOrderVisits", "Surveys", "CallbackTasks" })
                migrationBuilder.Sql($"""
                    UPDATE "{table}" SET
                        "CustomerId" = (SELECT w."CustomerId" FROM "WorkOrders" w WHERE w."Id" = "{table}"."WorkOrderId"),
                        "MachineId" = (SELECT w."MachineId" FROM "WorkOrders" w WHERE w."Id" = "{table}"."WorkOrderId");
                    """);

            migrationBuilder.CreateIndex(
                name: "IX_WorkOrderVisits_CustomerId_CheckInAtUtc",
                table: "WorkOrderVisits",
                columns: new[] { "CustomerId", "CheckInAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkOrderVisits_MachineId_CheckInAtUtc",
                table: "WorkOrderVisits",
                columns: new[] { "MachineId", "CheckInAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkOrders_CustomerId_ClosedAtUtc",
                table: "WorkOrders",
                columns: new[] { "CustomerId", "ClosedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkOrders_MachineId_ClosedAtUtc",
                table: "WorkOrders",
                columns: new[] { "MachineId", "ClosedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkOrders_MachineId_ReportedAtUtc",
                table: "WorkOrders",
                columns: new[] { "MachineId", "ReportedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Surveys_CustomerId_AnsweredAtUtc",
                table: "Surveys",
                columns: new[] { "CustomerId", "AnsweredAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Surveys_MachineId_AnsweredAtUtc",
                table: "Surveys",
                columns: new[] { "MachineId", "AnsweredAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_CallbackTasks_CustomerId_DoneAtUtc",
                table: "CallbackTasks",
                columns: new[] { "CustomerId", "DoneAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_CallbackTasks_MachineId_DoneAtUtc",
                table: "CallbackTasks",
                columns: new[] { "MachineId", "DoneAtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WorkOrderVisits_CustomerId_CheckInAtUtc",
                table: "WorkOrderVisits");

            migrationBuilder.DropIndex(
                name: "IX_WorkOrderVisits_MachineId_CheckInAtUtc",
                table: "WorkOrderVisits");

            migrationBuilder.DropIndex(
                name: "IX_WorkOrders_CustomerId_ClosedAtUtc",
                table: "WorkOrders");

            migrationBuilder.DropIndex(
                name: "IX_WorkOrders_MachineId_ClosedAtUtc",
                table: "WorkOrders");

            migrationBuilder.DropIndex(
                name: "IX_WorkOrders_MachineId_ReportedAtUtc",
                table: "WorkOrders");

            migrationBuilder.DropIndex(
                name: "IX_Surveys_CustomerId_AnsweredAtUtc",
                table: "Surveys");

            migrationBuilder.DropIndex(
                name: "IX_Surveys_MachineId_AnsweredAtUtc",
                table: "Surveys");

            migrationBuilder.DropIndex(
                name: "IX_CallbackTasks_CustomerId_DoneAtUtc",
                table: "CallbackTasks");

            migrationBuilder.DropIndex(
                name: "IX_CallbackTasks_MachineId_DoneAtUtc",
                table: "CallbackTasks");

            migrationBuilder.DropColumn(
                name: "CustomerId",
                table: "WorkOrderVisits");

            migrationBuilder.DropColumn(
                name: "MachineId",
                table: "WorkOrderVisits");

            migrationBuilder.DropColumn(
                name: "CustomerId",
                table: "Surveys");

            migrationBuilder.DropColumn(
                name: "MachineId",
                table: "Surveys");

            migrationBuilder.DropColumn(
                name: "CustomerId",
                table: "CallbackTasks");

            migrationBuilder.DropColumn(
                name: "MachineId",
                table: "CallbackTasks");
        }
    }
}
