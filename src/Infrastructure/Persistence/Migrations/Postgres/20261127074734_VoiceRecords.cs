using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CleanAssistant.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class VoiceRecords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "voice_records",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OwnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    ConversationId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Engine = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    AudioSeconds = table.Column<double>(type: "double precision", nullable: false),
                    Transcript = table.Column<byte[]>(type: "bytea", nullable: false),
                    Audio = table.Column<byte[]>(type: "bytea", nullable: true),
                    AudioContentType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ReplyAudio = table.Column<byte[]>(type: "bytea", nullable: true),
                    ReplyAudioContentType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    AudioExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReplyAudioExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_voice_records", x => x.Id);
                    table.ForeignKey(
                        name: "FK_voice_records_users_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_voice_records_AudioExpiresAt",
                table: "voice_records",
                column: "AudioExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_voice_records_ExpiresAt",
                table: "voice_records",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_voice_records_OwnerId_CreatedAt",
                table: "voice_records",
                columns: new[] { "OwnerId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_voice_records_ReplyAudioExpiresAt",
                table: "voice_records",
                column: "ReplyAudioExpiresAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "voice_records");
        }
    }
}
