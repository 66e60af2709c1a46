using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CleanAssistant.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class EventRecurrence : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ExceptionDates",
                table: "events",
                type: "character varying(20000)",
                maxLength: 20000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Recurrence",
                table: "events",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RecurrenceId",
                table: "events",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "SeriesEnd",
                table: "events",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "SeriesId",
                table: "events",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_events_OwnerId_SeriesEnd",
                table: "events",
                columns: new[] { "OwnerId", "SeriesEnd" });

            migrationBuilder.CreateIndex(
                name: "IX_events_SeriesId",
                table: "events",
                column: "SeriesId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_events_OwnerId_SeriesEnd",
                table: "events");

            migrationBuilder.DropIndex(
                name: "IX_events_SeriesId",
                table: "events");

            migrationBuilder.DropColumn(
                name: "ExceptionDates",
                table: "events");

            migrationBuilder.DropColumn(
                name: "Recurrence",
                table: "events");

            migrationBuilder.DropColumn(
                name: "RecurrenceId",
                table: "events");

            migrationBuilder.DropColumn(
                name: "SeriesEnd",
                table: "events");

            migrationBuilder.DropColumn(
                name: "SeriesId",
                table: "events");
        }
    }
}
