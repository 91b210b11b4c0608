using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HelpAsk.Web.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class PerAccountIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_RequestEvents_At",
                table: "RequestEvents");

            migrationBuilder.DropIndex(
                name: "IX_RequestEvents_Kind_At",
                table: "RequestEvents");

            migrationBuilder.AddColumn<string>(
                name: "OwnerId",
                table: "RequestEvents",
                type: "character varying(450)",
                maxLength: 450,
                nullable: false,
                defaultValue: "");

            // Existing timeline entries take their request's account before the owner's key and indexes apply.
            migrationBuilder.Sql("""UPDATE "RequestEvents" SET "OwnerId" = (SELECT "OwnerId" FROM "HelpRequests" WHERE "HelpRequests"."Id" = "RequestEvents"."HelpRequestId");""");

            migrationBuilder.CreateIndex(
                name: "IX_RequestEvents_OwnerId_At",
                table: "RequestEvents",
                columns: new[] { "OwnerId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_RequestEvents_OwnerId_Kind_At",
                table: "RequestEvents",
                columns: new[] { "OwnerId", "Kind", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_HelpRequests_OwnerId_DeletedAt_UpdatedAt",
                table: "HelpRequests",
                columns: new[] { "OwnerId", "DeletedAt", "UpdatedAt" });

            migrationBuilder.AddForeignKey(
                name: "FK_RequestEvents_AspNetUsers_OwnerId",
                table: "RequestEvents",
                column: "OwnerId",
                principalTable: "AspNetUsers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_RequestEvents_AspNetUsers_OwnerId",
                table: "RequestEvents");

            migrationBuilder.DropIndex(
                name: "IX_RequestEvents_OwnerId_At",
                table: "RequestEvents");

            migrationBuilder.DropIndex(
                name: "IX_RequestEvents_OwnerId_Kind_At",
                table: "RequestEvents");

            migrationBuilder.DropIndex(
                name: "IX_HelpRequests_OwnerId_DeletedAt_UpdatedAt",
                table: "HelpRequests");

            migrationBuilder.DropColumn(
                name: "OwnerId",
                table: "RequestEvents");

            migrationBuilder.CreateIndex(
                name: "IX_RequestEvents_At",
                table: "RequestEvents",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_RequestEvents_Kind_At",
                table: "RequestEvents",
                columns: new[] { "Kind", "At" });
        }
    }
}
