using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Steadfast.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ContractsAndReceivables : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "ContractId",
                table: "WorkOrders",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ContractNumber",
                table: "WorkOrders",
                type: "TEXT",
                maxLength: 30,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "CoveredLabourPercent",
                table: "WorkOrders",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "CoveredPartsPercent",
                table: "WorkOrders",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "CoveredTravel",
                table: "WorkOrders",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "EntitlementExhausted",
                table: "WorkOrders",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "ServiceLevel",
                table: "WorkOrders",
                type: "TEXT",
                maxLength: 30,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<bool>(
                name: "VisitTaken",
                table: "WorkOrders",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "ServiceLevel",
                table: "SlaPolicies",
                type: "TEXT",
                maxLength: 30,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "Contracts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    ServiceKind = table.Column<int>(type: "INTEGER", nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Region = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    OwnerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    StartsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    SignedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    TaxRate = table.Column<double>(type: "REAL", precision: 5, scale: 2, nullable: false),
                    DiscountPercent = table.Column<double>(type: "REAL", precision: 5, scale: 2, nullable: false),
                    NonStandardTerms = table.Column<bool>(type: "INTEGER", nullable: false),
                    Terms = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    OpportunityId = table.Column<Guid>(type: "TEXT", nullable: true),
                    QuoteId = table.Column<Guid>(type: "TEXT", nullable: true),
                    SalesOrderId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RenewalOfId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AmendmentOfId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ApprovalId = table.Column<Guid>(type: "TEXT", nullable: true),
                    SignedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    SignedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SignedFileId = table.Column<Guid>(type: "TEXT", nullable: true),
                    TerminatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    TerminationReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    DeliveredOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    AcceptedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ServiceLevel = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    VisitsPerYear = table.Column<int>(type: "INTEGER", nullable: false),
                    VisitsIncluded = table.Column<int>(type: "INTEGER", nullable: false),
                    VisitsUsed = table.Column<int>(type: "INTEGER", nullable: false),
                    LabourPercent = table.Column<int>(type: "INTEGER", nullable: false),
                    PartsPercent = table.Column<int>(type: "INTEGER", nullable: false),
                    TravelCovered = table.Column<bool>(type: "INTEGER", nullable: false),
                    RemoteSupport = table.Column<bool>(type: "INTEGER", nullable: false),
                    Received = table.Column<long>(type: "INTEGER", nullable: false),
                    Invoiced = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    CustomFields = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Contracts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Invoices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    InstalmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    IssuedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Invoices", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Receipts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    ExternalId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReceivedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false),
                    Credit = table.Column<long>(type: "INTEGER", nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    RecordedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Receipts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ContractLines",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    ProductId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Description = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Quantity = table.Column<double>(type: "REAL", precision: 18, scale: 3, nullable: false),
                    UnitPrice = table.Column<long>(type: "INTEGER", nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContractLines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ContractLines_Contracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "Contracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ContractMachines",
                columns: table => new
                {
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MachineId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SerialNumber = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContractMachines", x => new { x.ContractId, x.MachineId });
                    table.ForeignKey(
                        name: "FK_ContractMachines_Contracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "Contracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ContractModels",
                columns: table => new
                {
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProductId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContractModels", x => new { x.ContractId, x.ProductId });
                    table.ForeignKey(
                        name: "FK_ContractModels_Contracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "Contracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Instalments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    DueFrom = table.Column<int>(type: "INTEGER", nullable: false),
                    OffsetDays = table.Column<int>(type: "INTEGER", nullable: false),
                    FixedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false),
                    Paid = table.Column<long>(type: "INTEGER", nullable: false),
                    Invoiced = table.Column<long>(type: "INTEGER", nullable: false),
                    Open = table.Column<long>(type: "INTEGER", nullable: false),
                    PaidOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OwnerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Region = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    ContractNumber = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CustomerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Owed = table.Column<bool>(type: "INTEGER", nullable: false),
                    Reminded = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Instalments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Instalments_Contracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "Contracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReceiptAllocations",
                columns: table => new
                {
                    ReceiptId = table.Column<Guid>(type: "TEXT", nullable: false),
                    InstalmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReceiptAllocations", x => new { x.ReceiptId, x.InstalmentId });
                    table.ForeignKey(
                        name: "FK_ReceiptAllocations_Receipts_ReceiptId",
                        column: x => x.ReceiptId,
                        principalTable: "Receipts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_WorkOrders_ContractId_ReportedDay",
                table: "WorkOrders",
                columns: new[] { "ContractId", "ReportedDay" });

            migrationBuilder.CreateIndex(
                name: "IX_ContractLines_ContractId",
                table: "ContractLines",
                column: "ContractId");

            migrationBuilder.CreateIndex(
                name: "IX_ContractMachines_MachineId",
                table: "ContractMachines",
                column: "MachineId");

            migrationBuilder.CreateIndex(
                name: "IX_ContractModels_ProductId",
                table: "ContractModels",
                column: "ProductId");

            migrationBuilder.CreateIndex(
                name: "IX_Contracts_CustomerId_Kind_Status_EndsOn",
                table: "Contracts",
                columns: new[] { "CustomerId", "Kind", "Status", "EndsOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Contracts_Kind_Status_EndsOn",
                table: "Contracts",
                columns: new[] { "Kind", "Status", "EndsOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Contracts_Number",
                table: "Contracts",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Contracts_OpportunityId",
                table: "Contracts",
                column: "OpportunityId");

            migrationBuilder.CreateIndex(
                name: "IX_Contracts_OwnerId_EndsOn",
                table: "Contracts",
                columns: new[] { "OwnerId", "EndsOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Contracts_RenewalOfId",
                table: "Contracts",
                column: "RenewalOfId");

            migrationBuilder.CreateIndex(
                name: "IX_Contracts_SignedOn_Id",
                table: "Contracts",
                columns: new[] { "SignedOn", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Instalments_Ageing",
                table: "Instalments",
                columns: new[] { "Owed", "DueOn", "CustomerId", "Open", "OwnerId" });

            migrationBuilder.CreateIndex(
                name: "IX_Instalments_ContractId_Position",
                table: "Instalments",
                columns: new[] { "ContractId", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_Instalments_CustomerId_DueOn",
                table: "Instalments",
                columns: new[] { "CustomerId", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Invoices_ContractId_IssuedOn",
                table: "Invoices",
                columns: new[] { "ContractId", "IssuedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Invoices_InstalmentId",
                table: "Invoices",
                column: "InstalmentId");

            migrationBuilder.CreateIndex(
                name: "IX_Invoices_Number",
                table: "Invoices",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReceiptAllocations_ContractId",
                table: "ReceiptAllocations",
                column: "ContractId");

            migrationBuilder.CreateIndex(
                name: "IX_ReceiptAllocations_InstalmentId",
                table: "ReceiptAllocations",
                column: "InstalmentId");

            migrationBuilder.CreateIndex(
                name: "IX_Receipts_CustomerId_ReceivedOn",
                table: "Receipts",
                columns: new[] { "CustomerId", "ReceivedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Receipts_ExternalId",
                table: "Receipts",
                column: "ExternalId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Receipts_Number",
                table: "Receipts",
                column: "Number",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ContractLines");

            migrationBuilder.DropTable(
                name: "ContractMachines");

            migrationBuilder.DropTable(
                name: "ContractModels");

            migrationBuilder.DropTable(
                name: "Instalments");

            migrationBuilder.DropTable(
                name: "Invoices");

            migrationBuilder.DropTable(
                name: "ReceiptAllocations");

            migrationBuilder.DropTable(
                name: "Contracts");

            migrationBuilder.DropTable(
                name: "Receipts");

            migrationBuilder.DropIndex(
                name: "IX_WorkOrders_ContractId_ReportedDay",
                table: "WorkOrders");

            migrationBuilder.DropColumn(
                name: "ContractId",
                table: "WorkOrders");

            migrationBuilder.DropColumn(
                name: "ContractNumber",
                table: "WorkOrders");

            migrationBuilder.DropColumn(
                name: "CoveredLabourPercent",
                table: "WorkOrders");

            migrationBuilder.DropColumn(
                name: "CoveredPartsPercent",
                table: "WorkOrders");

            migrationBuilder.DropColumn(
                name: "CoveredTravel",
                table: "WorkOrders");

            migrationBuilder.DropColumn(
                name: "EntitlementExhausted",
                table: "WorkOrders");

            migrationBuilder.DropColumn(
                name: "ServiceLevel",
                table: "WorkOrders");

            migrationBuilder.DropColumn(
                name: "VisitTaken",
                table: "WorkOrders");

            migrationBuilder.DropColumn(
                name: "ServiceLevel",
                table: "SlaPolicies");
        }
    }
}
