using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CleanAssistant.Infrastructure.Persistence.Migrations.Sqlite
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OwnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ConversationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Engine = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    AudioSeconds = table.Column<double>(type: "REAL", nullable: false),
                    Transcript = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Audio = table.Column<byte[]>(type: "BLOB", nullable: true),
                    AudioContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ReplyAudio = table.Column<byte[]>(type: "BLOB", nullable: true),
                    ReplyAudioContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    AudioExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReplyAudioExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false)
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
