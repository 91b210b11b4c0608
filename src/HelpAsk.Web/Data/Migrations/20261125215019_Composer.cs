using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HelpAsk.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class Composer : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "DeletedAt",
                table: "HelpRequests",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CoachingPreferences",
                columns: table => new
                {
                    OwnerId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    DisabledRules = table.Column<string>(type: "TEXT", nullable: false),
                    AllowedPhrases = table.Column<string>(type: "TEXT", nullable: false),
                    IgnoredOccurrences = table.Column<string>(type: "TEXT", nullable: true),
                    PersonalPhrases = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CoachingPreferences", x => x.OwnerId);
                    table.ForeignKey(
                        name: "FK_CoachingPreferences_AspNetUsers_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CoachingPreferences");

            migrationBuilder.DropColumn(
                name: "DeletedAt",
                table: "HelpRequests");
        }
    }
}
