using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Steadfast.Migrations.Sqlite.Migrations
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
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "DailyDigest",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: false,
                defaultValue: true);

            migrationBuilder.CreateTable(
                name: "ReminderSettings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    StrategicContactDays = table.Column<int>(type: "INTEGER", nullable: true),
                    KeyContactDays = table.Column<int>(type: "INTEGER", nullable: true),
                    NormalContactDays = table.Column<int>(type: "INTEGER", nullable: true),
                    WarrantyNoticeDays = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
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
