using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OptOutConsole.Core.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ProcessedMessagesAppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The table rebuild EF would generate, written out so it runs inside the migration's transaction: EF's
            // own version brackets it with PRAGMA foreign_keys (no foreign key points at this table), which cannot
            // run in a transaction and made every first start log a warning. Rows keep their order (Id = arrival);
            // no index beyond the key: the writer prunes and loads by Id.
            migrationBuilder.Sql(
                """
                CREATE TABLE "ef_temp_ProcessedMessages" (
                    "Id" INTEGER NOT NULL CONSTRAINT "PK_ProcessedMessages" PRIMARY KEY AUTOINCREMENT,
                    "MessageSid" TEXT NOT NULL,
                    "ProcessedAt" INTEGER NOT NULL,
                    "ResponseXml" TEXT NOT NULL,
                    "ServiceSid" TEXT NOT NULL
                );
                INSERT INTO "ef_temp_ProcessedMessages" ("MessageSid", "ProcessedAt", "ResponseXml", "ServiceSid")
                SELECT "MessageSid", "ProcessedAt", "ResponseXml", "ServiceSid" FROM "ProcessedMessages" ORDER BY rowid;
                DROP TABLE "ProcessedMessages";
                ALTER TABLE "ef_temp_ProcessedMessages" RENAME TO "ProcessedMessages";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_ProcessedMessages",
                table: "ProcessedMessages");

            migrationBuilder.DropColumn(
                name: "Id",
                table: "ProcessedMessages");

            migrationBuilder.AddPrimaryKey(
                name: "PK_ProcessedMessages",
                table: "ProcessedMessages",
                column: "MessageSid");

            migrationBuilder.CreateIndex(
                name: "IX_ProcessedMessages_ProcessedAt",
                table: "ProcessedMessages",
                column: "ProcessedAt");
        }
    }
}
