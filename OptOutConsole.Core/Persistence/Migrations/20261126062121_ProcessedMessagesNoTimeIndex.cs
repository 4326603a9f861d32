using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OptOutConsole.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ProcessedMessagesNoTimeIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ProcessedMessages_ProcessedAt",
                table: "ProcessedMessages");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_ProcessedMessages_ProcessedAt",
                table: "ProcessedMessages",
                column: "ProcessedAt");
        }
    }
}
