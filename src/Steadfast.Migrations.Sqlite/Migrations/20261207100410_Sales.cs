using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Steadfast.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Sales : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Scope",
                table: "ApiTokens",
                type: "TEXT",
                maxLength: 50,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "LeadAssignmentRules",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    Enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    Provinces = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Industries = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Categories = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Reps = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LeadAssignmentRules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Leads",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Source = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    CompanyName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    MatchKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreditCode = table.Column<string>(type: "TEXT", maxLength: 18, nullable: true),
                    ContactName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    PhoneKey = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Province = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    City = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Industry = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ProductCategory = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ProductId = table.Column<Guid>(type: "TEXT", nullable: true),
                    EstimatedAmount = table.Column<long>(type: "INTEGER", nullable: true),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    ReferredByCustomerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    DealerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    OwnerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AssignedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AssignmentRuleId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AssignmentRule = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    AssignmentReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    AssignmentSeq = table.Column<long>(type: "INTEGER", nullable: true),
                    FirstContactAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastContactAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DisqualifyReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    OpportunityId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ClosedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    CustomFields = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Leads", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Opportunities",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ContactId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ContactName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    StageId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Probability = table.Column<int>(type: "INTEGER", nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpectedCloseOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    OwnerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Province = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    DealerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    NextStep = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    LostReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Competitor = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    LeadId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AssignedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FirstContactAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClosedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SalesOrderId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    CustomFields = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Opportunities", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OpportunityStages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    NameZh = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    Probability = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OpportunityStages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SalesActivities",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    LeadId = table.Column<Guid>(type: "TEXT", nullable: true),
                    OpportunityId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ById = table.Column<Guid>(type: "TEXT", nullable: true),
                    ByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SalesActivities", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SalesOrders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    ExternalId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    OrderedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DeliveryOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false),
                    OwnerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    OpportunityId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SalesOrders", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SalesSettingss",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    OpenLeadCap = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SalesSettingss", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OpportunityLines",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OpportunityId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    ProductId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Description = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Quantity = table.Column<double>(type: "REAL", precision: 18, scale: 3, nullable: false),
                    UnitPrice = table.Column<long>(type: "INTEGER", nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OpportunityLines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OpportunityLines_Opportunities_OpportunityId",
                        column: x => x.OpportunityId,
                        principalTable: "Opportunities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SalesOrderLines",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SalesOrderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    ProductId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Description = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Quantity = table.Column<double>(type: "REAL", precision: 18, scale: 3, nullable: false),
                    UnitPrice = table.Column<long>(type: "INTEGER", nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SalesOrderLines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SalesOrderLines_SalesOrders_SalesOrderId",
                        column: x => x.SalesOrderId,
                        principalTable: "SalesOrders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_LeadAssignmentRules_Order",
                table: "LeadAssignmentRules",
                column: "Order");

            migrationBuilder.CreateIndex(
                name: "IX_Leads_AssignedAtUtc",
                table: "Leads",
                column: "AssignedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_Leads_AssignmentRuleId_OwnerId_AssignmentSeq",
                table: "Leads",
                columns: new[] { "AssignmentRuleId", "OwnerId", "AssignmentSeq" });

            migrationBuilder.CreateIndex(
                name: "IX_Leads_CreatedAtUtc",
                table: "Leads",
                column: "CreatedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_Leads_CreditCode",
                table: "Leads",
                column: "CreditCode");

            migrationBuilder.CreateIndex(
                name: "IX_Leads_CustomerId",
                table: "Leads",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_Leads_DealerId",
                table: "Leads",
                column: "DealerId");

            migrationBuilder.CreateIndex(
                name: "IX_Leads_MatchKey",
                table: "Leads",
                column: "MatchKey");

            migrationBuilder.CreateIndex(
                name: "IX_Leads_Number",
                table: "Leads",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Leads_OwnerId_Status_CreatedAtUtc",
                table: "Leads",
                columns: new[] { "OwnerId", "Status", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Leads_PhoneKey",
                table: "Leads",
                column: "PhoneKey");

            migrationBuilder.CreateIndex(
                name: "IX_Leads_ReferredByCustomerId",
                table: "Leads",
                column: "ReferredByCustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_Leads_Status_AssignedAtUtc",
                table: "Leads",
                columns: new[] { "Status", "AssignedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Leads_Status_CreatedAtUtc",
                table: "Leads",
                columns: new[] { "Status", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Opportunities_AssignedAtUtc",
                table: "Opportunities",
                column: "AssignedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_Opportunities_CustomerId_CreatedAtUtc",
                table: "Opportunities",
                columns: new[] { "CustomerId", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Opportunities_DealerId",
                table: "Opportunities",
                column: "DealerId");

            migrationBuilder.CreateIndex(
                name: "IX_Opportunities_ExpectedCloseOn",
                table: "Opportunities",
                column: "ExpectedCloseOn");

            migrationBuilder.CreateIndex(
                name: "IX_Opportunities_Number",
                table: "Opportunities",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Opportunities_OwnerId_Status_ExpectedCloseOn",
                table: "Opportunities",
                columns: new[] { "OwnerId", "Status", "ExpectedCloseOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Opportunities_Status_ExpectedCloseOn",
                table: "Opportunities",
                columns: new[] { "Status", "ExpectedCloseOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Opportunities_Status_StageId_ExpectedCloseOn",
                table: "Opportunities",
                columns: new[] { "Status", "StageId", "ExpectedCloseOn" });

            migrationBuilder.CreateIndex(
                name: "IX_OpportunityLines_OpportunityId_Position",
                table: "OpportunityLines",
                columns: new[] { "OpportunityId", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_OpportunityLines_ProductId",
                table: "OpportunityLines",
                column: "ProductId");

            migrationBuilder.CreateIndex(
                name: "IX_OpportunityStages_Key",
                table: "OpportunityStages",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SalesActivities_LeadId_AtUtc",
                table: "SalesActivities",
                columns: new[] { "LeadId", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_SalesActivities_OpportunityId_AtUtc",
                table: "SalesActivities",
                columns: new[] { "OpportunityId", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_SalesOrderLines_ProductId_SalesOrderId",
                table: "SalesOrderLines",
                columns: new[] { "ProductId", "SalesOrderId" });

            migrationBuilder.CreateIndex(
                name: "IX_SalesOrderLines_SalesOrderId_Position",
                table: "SalesOrderLines",
                columns: new[] { "SalesOrderId", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_SalesOrders_CustomerId_OrderedOn_Amount",
                table: "SalesOrders",
                columns: new[] { "CustomerId", "OrderedOn", "Amount" });

            migrationBuilder.CreateIndex(
                name: "IX_SalesOrders_ExternalId",
                table: "SalesOrders",
                column: "ExternalId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SalesOrders_Number",
                table: "SalesOrders",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SalesOrders_OpportunityId",
                table: "SalesOrders",
                column: "OpportunityId");

            migrationBuilder.CreateIndex(
                name: "IX_SalesOrders_OrderedOn_Status",
                table: "SalesOrders",
                columns: new[] { "OrderedOn", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_SalesOrders_OwnerId_OrderedOn",
                table: "SalesOrders",
                columns: new[] { "OwnerId", "OrderedOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LeadAssignmentRules");

            migrationBuilder.DropTable(
                name: "Leads");

            migrationBuilder.DropTable(
                name: "OpportunityLines");

            migrationBuilder.DropTable(
                name: "OpportunityStages");

            migrationBuilder.DropTable(
                name: "SalesActivities");

            migrationBuilder.DropTable(
                name: "SalesOrderLines");

            migrationBuilder.DropTable(
                name: "SalesSettingss");

            migrationBuilder.DropTable(
                name: "Opportunities");

            migrationBuilder.DropTable(
                name: "SalesOrders");

            migrationBuilder.DropColumn(
                name: "Scope",
                table: "ApiTokens");
        }
    }
}
