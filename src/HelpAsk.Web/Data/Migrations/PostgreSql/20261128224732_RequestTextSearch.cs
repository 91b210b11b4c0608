using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HelpAsk.Web.Data.Migrations.PostgreSql
{
    /// <summary>
    /// The requests list's word search, by index: trigrams (pg_trgm) of each request's texts lower-cased, keyed by the
    /// account first (btree_gin), so a search reads the matching rows of one account instead of lower-casing all of its
    /// requests. The expression must stay the one RequestStore searches, or PostgreSQL will not use the index
    /// (RequestSearchTests checks it does). Both extensions ship with PostgreSQL and are trusted: a database owner may
    /// create them.
    /// </summary>
    public partial class RequestTextSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE EXTENSION IF NOT EXISTS pg_trgm;
                CREATE EXTENSION IF NOT EXISTS btree_gin;
                CREATE INDEX "IX_HelpRequests_OwnerId_Text_trgm" ON "HelpRequests" USING gin
                    ("OwnerId", lower("Title" || ' ' || "Situation" || ' ' || "Signal" || ' ' || "WhatINeed" || ' ' || "ComposedText") gin_trgm_ops);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX "IX_HelpRequests_OwnerId_Text_trgm";""");
        }
    }
}
