using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HelpAsk.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class ThanksAndFollowUps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ThankYouNotes_OwnerId",
                table: "ThankYouNotes");

            migrationBuilder.AddColumn<string>(
                name: "DifferenceItMade",
                table: "ThankYouNotes",
                type: "TEXT",
                maxLength: 2000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<Guid>(
                name: "FollowUpId",
                table: "ThankYouNotes",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SentVia",
                table: "ThankYouNotes",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "UpdatedAt",
                table: "ThankYouNotes",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<Guid>(
                name: "Version",
                table: "ThankYouNotes",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<string>(
                name: "WhatItCost",
                table: "ThankYouNotes",
                type: "TEXT",
                maxLength: 2000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "WhatTheyDid",
                table: "ThankYouNotes",
                type: "TEXT",
                maxLength: 2000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTime>(
                name: "HelpedAt",
                table: "HelpRequests",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Outcome",
                table: "HelpRequests",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PitfallsAtSend",
                table: "HelpRequests",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ThankedAt",
                table: "HelpRequests",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ImpactFollowUps",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OwnerId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    HelperId = table.Column<Guid>(type: "TEXT", nullable: false),
                    HelpRequestId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Plan = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DoneAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ThankYouNoteId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImpactFollowUps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ImpactFollowUps_AspNetUsers_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ImpactFollowUps_HelpRequests_HelpRequestId",
                        column: x => x.HelpRequestId,
                        principalTable: "HelpRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_ImpactFollowUps_Helpers_HelperId",
                        column: x => x.HelperId,
                        principalTable: "Helpers",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateIndex(
                name: "IX_ThankYouNotes_FollowUpId",
                table: "ThankYouNotes",
                column: "FollowUpId");

            migrationBuilder.CreateIndex(
                name: "IX_ThankYouNotes_OwnerId_SentAt",
                table: "ThankYouNotes",
                columns: new[] { "OwnerId", "SentAt" });

            migrationBuilder.CreateIndex(
                name: "IX_HelpRequests_OwnerId_HelpedAt",
                table: "HelpRequests",
                columns: new[] { "OwnerId", "HelpedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_HelpRequests_OwnerId_SentAt",
                table: "HelpRequests",
                columns: new[] { "OwnerId", "SentAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ImpactFollowUps_HelperId",
                table: "ImpactFollowUps",
                column: "HelperId");

            migrationBuilder.CreateIndex(
                name: "IX_ImpactFollowUps_HelpRequestId",
                table: "ImpactFollowUps",
                column: "HelpRequestId");

            migrationBuilder.CreateIndex(
                name: "IX_ImpactFollowUps_OwnerId_DoneAt_DueOn",
                table: "ImpactFollowUps",
                columns: new[] { "OwnerId", "DoneAt", "DueOn" });

            // Requests helped, thanked or answered before these columns existed get them from their timeline.
            migrationBuilder.Sql("""
                UPDATE "HelpRequests" SET "HelpedAt" = (SELECT MIN(e."At") FROM "RequestEvents" e WHERE e."HelpRequestId" = "HelpRequests"."Id" AND e."ToStatus" = 'Helped');
                UPDATE "HelpRequests" SET "ThankedAt" = (SELECT MIN(e."At") FROM "RequestEvents" e WHERE e."HelpRequestId" = "HelpRequests"."Id" AND e."ToStatus" = 'Thanked');
                UPDATE "HelpRequests" SET "Outcome" = CASE "Status"
                    WHEN 'Accepted' THEN 'Yes' WHEN 'AlternativeOffered' THEN 'Alternative' WHEN 'Declined' THEN 'NotThisTime'
                    WHEN 'NoResponse' THEN 'NoAnswer' WHEN 'Helped' THEN 'Yes' WHEN 'Thanked' THEN 'Yes' END;
                """);

            migrationBuilder.AddForeignKey(
                name: "FK_ThankYouNotes_ImpactFollowUps_FollowUpId",
                table: "ThankYouNotes",
                column: "FollowUpId",
                principalTable: "ImpactFollowUps",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_ThankYouNotes_ImpactFollowUps_FollowUpId",
                table: "ThankYouNotes");

            migrationBuilder.DropTable(
                name: "ImpactFollowUps");

            migrationBuilder.DropIndex(
                name: "IX_ThankYouNotes_FollowUpId",
                table: "ThankYouNotes");

            migrationBuilder.DropIndex(
                name: "IX_ThankYouNotes_OwnerId_SentAt",
                table: "ThankYouNotes");

            migrationBuilder.DropIndex(
                name: "IX_HelpRequests_OwnerId_HelpedAt",
                table: "HelpRequests");

            migrationBuilder.DropIndex(
                name: "IX_HelpRequests_OwnerId_SentAt",
                table: "HelpRequests");

            migrationBuilder.DropColumn(
                name: "DifferenceItMade",
                table: "ThankYouNotes");

            migrationBuilder.DropColumn(
                name: "FollowUpId",
                table: "ThankYouNotes");

            migrationBuilder.DropColumn(
                name: "SentVia",
                table: "ThankYouNotes");

            migrationBuilder.DropColumn(
                name: "UpdatedAt",
                table: "ThankYouNotes");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "ThankYouNotes");

            migrationBuilder.DropColumn(
                name: "WhatItCost",
                table: "ThankYouNotes");

            migrationBuilder.DropColumn(
                name: "WhatTheyDid",
                table: "ThankYouNotes");

            migrationBuilder.DropColumn(
                name: "HelpedAt",
                table: "HelpRequests");

            migrationBuilder.DropColumn(
                name: "Outcome",
                table: "HelpRequests");

            migrationBuilder.DropColumn(
                name: "PitfallsAtSend",
                table: "HelpRequests");

            migrationBuilder.DropColumn(
                name: "ThankedAt",
                table: "HelpRequests");

            migrationBuilder.CreateIndex(
                name: "IX_ThankYouNotes_OwnerId",
                table: "ThankYouNotes",
                column: "OwnerId");
        }
    }
}
