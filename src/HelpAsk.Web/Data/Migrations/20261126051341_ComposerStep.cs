using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HelpAsk.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class ComposerStep : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ComposerStep",
                table: "HelpRequests",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ComposerStep",
                table: "HelpRequests");
        }
    }
}
