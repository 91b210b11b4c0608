using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HelpAsk.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class DashboardIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_RequestEvents_At",
                table: "RequestEvents",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_RequestEvents_Kind_At",
                table: "RequestEvents",
                columns: new[] { "Kind", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_RequestEvents_At",
                table: "RequestEvents");

            migrationBuilder.DropIndex(
                name: "IX_RequestEvents_Kind_At",
                table: "RequestEvents");
        }
    }
}
