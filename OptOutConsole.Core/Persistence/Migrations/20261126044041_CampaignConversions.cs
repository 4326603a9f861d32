using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OptOutConsole.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class CampaignConversions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Events_Starts_Keyword",
                table: "Events");

            migrationBuilder.CreateTable(
                name: "ConversionCounters",
                columns: table => new
                {
                    ServiceSid = table.Column<string>(type: "TEXT", nullable: false),
                    Day = table.Column<int>(type: "INTEGER", nullable: false),
                    Keyword = table.Column<string>(type: "TEXT", nullable: false),
                    Country = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    OptIns = table.Column<long>(type: "INTEGER", nullable: false),
                    OptedOutLater = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConversionCounters", x => new { x.ServiceSid, x.Day, x.Keyword, x.Country });
                });

            migrationBuilder.CreateTable(
                name: "OptInStates",
                columns: table => new
                {
                    ServiceSid = table.Column<string>(type: "TEXT", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Keyword = table.Column<string>(type: "TEXT", nullable: false),
                    Day = table.Column<int>(type: "INTEGER", nullable: false),
                    Country = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    OptedOut = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OptInStates", x => new { x.ServiceSid, x.Number });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ConversionCounters");

            migrationBuilder.DropTable(
                name: "OptInStates");

            migrationBuilder.CreateIndex(
                name: "IX_Events_Starts_Keyword",
                table: "Events",
                columns: new[] { "ServiceSid", "Keyword", "Time", "From" },
                filter: "\"Type\" = 'START'");
        }
    }
}
