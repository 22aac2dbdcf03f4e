using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Steadfast.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Maintenance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "MaintenanceGroupDays",
                table: "ServiceSettings",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "MaintenanceLeadDays",
                table: "ServiceSettings",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "HealthRules",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Metric = table.Column<int>(type: "integer", nullable: false),
                    Threshold = table.Column<double>(type: "double precision", nullable: false),
                    TextZh = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    TextEn = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HealthRules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "MachinePlans",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MachineId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProductId = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    TemplateId = table.Column<Guid>(type: "uuid", nullable: true),
                    Active = table.Column<bool>(type: "boolean", nullable: false),
                    HoursPerDay = table.Column<double>(type: "double precision", nullable: true),
                    RateReadings = table.Column<int>(type: "integer", nullable: false),
                    LastHours = table.Column<double>(type: "double precision", nullable: true),
                    LastReadOn = table.Column<DateOnly>(type: "date", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MachinePlans", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "MaintenanceTemplates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProductId = table.Column<Guid>(type: "uuid", nullable: false),
                    Notes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MaintenanceTemplates", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "MaintenanceVisits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Site = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    ProposedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    AskedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    AskedNote = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    AnsweredAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MaintenanceVisits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MaintenanceVisits_WorkOrders_Id",
                        column: x => x.Id,
                        principalTable: "WorkOrders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PartFittings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PartId = table.Column<Guid>(type: "uuid", nullable: false),
                    MachineId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProductId = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    WorkOrderId = table.Column<Guid>(type: "uuid", nullable: true),
                    Quantity = table.Column<long>(type: "bigint", nullable: false),
                    FittedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    FittedHours = table.Column<double>(type: "double precision", nullable: true),
                    ReplacedSerial = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ReplacedLifeDays = table.Column<int>(type: "integer", nullable: true),
                    ReplacedLifeHours = table.Column<double>(type: "double precision", nullable: true),
                    BeforeFailure = table.Column<bool>(type: "boolean", nullable: false),
                    RemovedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ExpectedEndOn = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PartFittings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PlanTasks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PlanId = table.Column<Guid>(type: "uuid", nullable: false),
                    MachineId = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    TemplateTaskId = table.Column<Guid>(type: "uuid", nullable: true),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    BaseOn = table.Column<DateOnly>(type: "date", nullable: false),
                    BaseHours = table.Column<double>(type: "double precision", nullable: false),
                    LastDoneOn = table.Column<DateOnly>(type: "date", nullable: true),
                    LastDoneHours = table.Column<double>(type: "double precision", nullable: true),
                    NextDueOn = table.Column<DateOnly>(type: "date", nullable: true),
                    NextDueHours = table.Column<double>(type: "double precision", nullable: true),
                    DueBy = table.Column<int>(type: "integer", nullable: false),
                    OpenWorkOrderId = table.Column<Guid>(type: "uuid", nullable: true),
                    Active = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    EveryDays = table.Column<int>(type: "integer", nullable: true),
                    EveryMonths = table.Column<int>(type: "integer", nullable: true),
                    EveryHours = table.Column<int>(type: "integer", nullable: true),
                    LabourMinutes = table.Column<int>(type: "integer", nullable: false),
                    Checklist = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    Parts = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlanTasks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PlanTasks_MachinePlans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "MachinePlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TemplateTasks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TemplateId = table.Column<Guid>(type: "uuid", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    EveryDays = table.Column<int>(type: "integer", nullable: true),
                    EveryMonths = table.Column<int>(type: "integer", nullable: true),
                    EveryHours = table.Column<int>(type: "integer", nullable: true),
                    LabourMinutes = table.Column<int>(type: "integer", nullable: false),
                    Checklist = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    Parts = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TemplateTasks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TemplateTasks_MaintenanceTemplates_TemplateId",
                        column: x => x.TemplateId,
                        principalTable: "MaintenanceTemplates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "VisitItems",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    WorkOrderId = table.Column<Guid>(type: "uuid", nullable: false),
                    PlanTaskId = table.Column<Guid>(type: "uuid", nullable: false),
                    MachineId = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Region = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    ProductCategory = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    DueBy = table.Column<int>(type: "integer", nullable: false),
                    Checklist = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    Parts = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Outcome = table.Column<int>(type: "integer", nullable: false),
                    DoneOn = table.Column<DateOnly>(type: "date", nullable: true),
                    OnTime = table.Column<bool>(type: "boolean", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VisitItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VisitItems_PlanTasks_PlanTaskId",
                        column: x => x.PlanTaskId,
                        principalTable: "PlanTasks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_VisitItems_WorkOrders_WorkOrderId",
                        column: x => x.WorkOrderId,
                        principalTable: "WorkOrders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CheckAnswers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    VisitItemId = table.Column<Guid>(type: "uuid", nullable: false),
                    WorkOrderId = table.Column<Guid>(type: "uuid", nullable: false),
                    Key = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Passed = table.Column<bool>(type: "boolean", nullable: true),
                    Value = table.Column<double>(type: "double precision", nullable: true),
                    Finding = table.Column<bool>(type: "boolean", nullable: false),
                    PhotoId = table.Column<Guid>(type: "uuid", nullable: true),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    CorrectiveOrderId = table.Column<Guid>(type: "uuid", nullable: true),
                    AnsweredAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    AnsweredById = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CheckAnswers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CheckAnswers_VisitItems_VisitItemId",
                        column: x => x.VisitItemId,
                        principalTable: "VisitItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CheckAnswers_VisitItemId_Key",
                table: "CheckAnswers",
                columns: new[] { "VisitItemId", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CheckAnswers_WorkOrderId_Finding",
                table: "CheckAnswers",
                columns: new[] { "WorkOrderId", "Finding" });

            migrationBuilder.CreateIndex(
                name: "IX_HealthRules_Position",
                table: "HealthRules",
                column: "Position");

            migrationBuilder.CreateIndex(
                name: "IX_MachinePlans_CustomerId_MachineId",
                table: "MachinePlans",
                columns: new[] { "CustomerId", "MachineId" });

            migrationBuilder.CreateIndex(
                name: "IX_MachinePlans_MachineId",
                table: "MachinePlans",
                column: "MachineId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MachinePlans_ProductId",
                table: "MachinePlans",
                column: "ProductId");

            migrationBuilder.CreateIndex(
                name: "IX_MaintenanceTemplates_ProductId",
                table: "MaintenanceTemplates",
                column: "ProductId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MaintenanceVisits_CustomerId_ProposedOn",
                table: "MaintenanceVisits",
                columns: new[] { "CustomerId", "ProposedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_MaintenanceVisits_Status_ProposedOn",
                table: "MaintenanceVisits",
                columns: new[] { "Status", "ProposedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_PartFittings_ExpectedEndOn_RemovedOn",
                table: "PartFittings",
                columns: new[] { "ExpectedEndOn", "RemovedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_PartFittings_MachineId_PartId_FittedOn",
                table: "PartFittings",
                columns: new[] { "MachineId", "PartId", "FittedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_PartFittings_PartId_ProductId_ReplacedLifeDays_ReplacedLife~",
                table: "PartFittings",
                columns: new[] { "PartId", "ProductId", "ReplacedLifeDays", "ReplacedLifeHours", "BeforeFailure" });

            migrationBuilder.CreateIndex(
                name: "IX_PartFittings_WorkOrderId",
                table: "PartFittings",
                column: "WorkOrderId");

            migrationBuilder.CreateIndex(
                name: "IX_PlanTasks_MachineId_NextDueOn",
                table: "PlanTasks",
                columns: new[] { "MachineId", "NextDueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_PlanTasks_NextDueOn_Active_OpenWorkOrderId_CustomerId_Machi~",
                table: "PlanTasks",
                columns: new[] { "NextDueOn", "Active", "OpenWorkOrderId", "CustomerId", "MachineId" });

            migrationBuilder.CreateIndex(
                name: "IX_PlanTasks_OpenWorkOrderId",
                table: "PlanTasks",
                column: "OpenWorkOrderId");

            migrationBuilder.CreateIndex(
                name: "IX_PlanTasks_PlanId_Position",
                table: "PlanTasks",
                columns: new[] { "PlanId", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_TemplateTasks_TemplateId_Position",
                table: "TemplateTasks",
                columns: new[] { "TemplateId", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_VisitItems_DueOn_Outcome_OnTime",
                table: "VisitItems",
                columns: new[] { "DueOn", "Outcome", "OnTime" });

            migrationBuilder.CreateIndex(
                name: "IX_VisitItems_OpenTask",
                table: "VisitItems",
                column: "PlanTaskId",
                unique: true,
                filter: "\"Outcome\" = 0");

            migrationBuilder.CreateIndex(
                name: "IX_VisitItems_PlanTaskId_DueOn",
                table: "VisitItems",
                columns: new[] { "PlanTaskId", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_VisitItems_WorkOrderId",
                table: "VisitItems",
                column: "WorkOrderId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CheckAnswers");

            migrationBuilder.DropTable(
                name: "HealthRules");

            migrationBuilder.DropTable(
                name: "MaintenanceVisits");

            migrationBuilder.DropTable(
                name: "PartFittings");

            migrationBuilder.DropTable(
                name: "TemplateTasks");

            migrationBuilder.DropTable(
                name: "VisitItems");

            migrationBuilder.DropTable(
                name: "MaintenanceTemplates");

            migrationBuilder.DropTable(
                name: "PlanTasks");

            migrationBuilder.DropTable(
                name: "MachinePlans");

            migrationBuilder.DropColumn(
                name: "MaintenanceGroupDays",
                table: "ServiceSettings");

            migrationBuilder.DropColumn(
                name: "MaintenanceLeadDays",
                table: "ServiceSettings");
        }
    }
}
