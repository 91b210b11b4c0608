using System.Data.Common;
using HelpAsk.Testing;
using HelpAsk.Web.Data;
using HelpAsk.Web.Features.Coaching;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HelpAsk.Web.Tests.Integration;

/// <summary>A write held up by another writer is "busy" on either engine, so the autosave says so and tries again.</summary>
public sealed class DatabaseErrorsTests : IDisposable
{
    private readonly HelpAskAppFactory app = new();

    [Fact]
    public async Task A_write_that_gives_up_waiting_for_another_writer_is_the_database_being_busy()
    {
        var ct = TestContext.Current.CancellationToken;
        app.StartServer();
        await using var holder = Open(app.ConnectionString);
        await using var writer = Open(app.ConnectionString + (HelpAskAppFactory.Provider == DatabaseProvider.Sqlite ? ";Default Timeout=1" : ""));
        await holder.OpenAsync(ct);
        await writer.OpenAsync(ct);
        await ExecuteAsync(holder, HelpAskAppFactory.Provider == DatabaseProvider.Sqlite
            ? "BEGIN EXCLUSIVE"
            : """BEGIN; LOCK TABLE "Helpers" IN ACCESS EXCLUSIVE MODE""", ct);

        var error = await Assert.ThrowsAnyAsync<DbException>(() => ExecuteAsync(writer, HelpAskAppFactory.Provider == DatabaseProvider.Sqlite
            ? """DELETE FROM "Helpers" """
            : """SET lock_timeout = '200ms'; DELETE FROM "Helpers" """, ct));

        Assert.True(DatabaseErrors.IsBusy(new DbUpdateException("An error occurred while saving the entity changes.", error)), error.ToString());
        Assert.Equal("the database is busy", DraftSaving.ReasonOf(new DbUpdateException("An error occurred while saving the entity changes.", error)));
    }

    [Theory]
    [InlineData(PostgresErrorCodes.DeadlockDetected)]
    [InlineData(PostgresErrorCodes.SerializationFailure)]
    [InlineData(PostgresErrorCodes.LockNotAvailable)]
    public void PostgreSQL_deadlocks_serialization_failures_and_lock_timeouts_are_busy(string sqlState) =>
        Assert.True(DatabaseErrors.IsBusy(new DbUpdateException("saving", new PostgresException("held up", "ERROR", "ERROR", sqlState))));

    [Fact]
    public void Other_failures_are_not_called_busy() =>
        Assert.False(DatabaseErrors.IsBusy(new DbUpdateException("saving", new PostgresException("value too long", "ERROR", "ERROR", PostgresErrorCodes.StringDataRightTruncation))));

    private static DbConnection Open(string connectionString) =>
        HelpAskAppFactory.Provider == DatabaseProvider.Sqlite
            ? new SqliteConnection(connectionString + ";Pooling=False")
            : new NpgsqlConnection(connectionString + ";Pooling=false");

    private static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public void Dispose() => app.Dispose();
}
