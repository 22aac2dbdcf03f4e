using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Steadfast.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ContractPartsCover : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "PartsCovered",
                table: "WorkOrders",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "PartsCap",
                table: "Contracts",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "PartsCapUsed",
                table: "Contracts",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "ContractParts",
                columns: table => new
                {
                    ContractId = table.Column<Guid>(type: "uuid", nullable: false),
                    PartId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContractParts", x => new { x.ContractId, x.PartId });
                    table.ForeignKey(
                        name: "FK_ContractParts_Contracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "Contracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ContractParts");

            migrationBuilder.DropColumn(
                name: "PartsCovered",
                table: "WorkOrders");

            migrationBuilder.DropColumn(
                name: "PartsCap",
                table: "Contracts");

            migrationBuilder.DropColumn(
                name: "PartsCapUsed",
                table: "Contracts");
        }
    }
}
