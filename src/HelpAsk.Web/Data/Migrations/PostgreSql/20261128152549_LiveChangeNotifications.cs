using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HelpAsk.Web.Data.Migrations.PostgreSql
{
    /// <summary>
    /// Triggers that NOTIFY every instance (channel helpask_changes, read by PostgresChangeListener and DataChange.Parse) of
    /// what the pages and dispatchers follow: an email written or its delivery moving on, and a request's new timeline
    /// event (an answer, a status change). A trigger runs in the writer's transaction, so the notice goes out on commit only.
    /// </summary>
    public partial class LiveChangeNotifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION helpask_outbox_changed() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_notify('helpask_changes', concat_ws(' ', 'outbox', NEW."Id", NEW."OwnerId", coalesce(NEW."HelpRequestId"::text, '-'), NEW."State"));
                    RETURN NULL;
                END $$;
                CREATE TRIGGER "OutboxMessages_notify" AFTER INSERT OR UPDATE OF "State", "Attempts" ON "OutboxMessages"
                    FOR EACH ROW EXECUTE FUNCTION helpask_outbox_changed();

                CREATE FUNCTION helpask_request_event_added() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_notify('helpask_changes', concat_ws(' ', 'request', NEW."HelpRequestId",
                        (SELECT r."OwnerId" FROM "HelpRequests" r WHERE r."Id" = NEW."HelpRequestId")));
                    RETURN NULL;
                END $$;
                CREATE TRIGGER "RequestEvents_notify" AFTER INSERT ON "RequestEvents"
                    FOR EACH ROW EXECUTE FUNCTION helpask_request_event_added();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER "RequestEvents_notify" ON "RequestEvents";
                DROP FUNCTION helpask_request_event_added();
                DROP TRIGGER "OutboxMessages_notify" ON "OutboxMessages";
                DROP FUNCTION helpask_outbox_changed();
                """);
        }
    }
}
