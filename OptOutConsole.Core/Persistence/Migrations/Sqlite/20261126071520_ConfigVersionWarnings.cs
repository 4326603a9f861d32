using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OptOutConsole.Core.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ConfigVersionWarnings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "WarningsJson",
                table: "ConfigVersions",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "WarningsJson",
                table: "ConfigVersions");
        }
    }
}
