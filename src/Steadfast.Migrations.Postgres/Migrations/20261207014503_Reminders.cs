using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Steadfast.Migrations.Postgres.Migrations
{
    /// <summary>Contact frequency per tier and the warranty notice period; a warranty announced once per machine; the daily digest, on for everyone.</summary>
    public partial class Reminders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "WarrantyNoticeFor",
                table: "Equipment",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "DailyDigest",
                table: "AspNetUsers",
                type: "boolean",
                nullable: false,
                defaultValue: true);

            migrationBuilder.CreateTable(
                name: "ReminderSettings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    StrategicContactDays = table.Column<int>(type: "integer", nullable: true),
                    KeyContactDays = table.Column<int>(type: "integer", nullable: true),
                    NormalContactDays = table.Column<int>(type: "integer", nullable: true),
                    WarrantyNoticeDays = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReminderSettings", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Equipment_WarrantyEndsOn",
                table: "Equipment",
                column: "WarrantyEndsOn");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReminderSettings");

            migrationBuilder.DropIndex(
                name: "IX_Equipment_WarrantyEndsOn",
                table: "Equipment");

            migrationBuilder.DropColumn(
                name: "WarrantyNoticeFor",
                table: "Equipment");

            migrationBuilder.DropColumn(
                name: "DailyDigest",
                table: "AspNetUsers");
        }
    }
}
