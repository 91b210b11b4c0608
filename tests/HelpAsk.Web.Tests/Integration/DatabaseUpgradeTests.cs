using HelpAsk.Testing;
using HelpAsk.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace HelpAsk.Web.Tests.Integration;

public sealed class DatabaseUpgradeTests
{
    private const string OlderVersion = "20261125225503_Sending";

    [Fact]
    public async Task Upgrading_an_existing_database_keeps_a_copy_of_it_as_it_was()
    {
        Assert.SkipWhen(HelpAskAppFactory.Provider != DatabaseProvider.Sqlite, "SQLite only: the copy is of the database file");
        var folder = Directory.CreateTempSubdirectory("helpask-upgrade-").FullName;
        var database = Path.Combine(folder, DataSetup.DatabaseFileName);
        await using (var old = new HelpAskDbContext(SqliteOptions($"Data Source={database}")))
        {
            await old.GetService<IMigrator>().MigrateAsync(OlderVersion, TestContext.Current.CancellationToken);
            await old.Database.ExecuteSqlRawAsync(
                "INSERT INTO AspNetUsers (Id, UserName, Email, EmailConfirmed, PhoneNumberConfirmed, TwoFactorEnabled, LockoutEnabled, AccessFailedCount) VALUES ('kept', 'kept@example.org', 'kept@example.org', 1, 0, 0, 1, 0)",
                TestContext.Current.CancellationToken);
        }

        SqliteConnection.ClearAllPools();
        await using (var app = new HelpAskAppFactory(dataDirectory: folder))
        {
            app.StartServer();
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HelpAskDbContext>();
            Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
            Assert.Equal(1, await db.Users.CountAsync(u => u.Id == "kept", TestContext.Current.CancellationToken));
        }

        var latest = Assert.Single(Directory.GetFiles(folder, "helpask.before-*.db"));
        await using var copy = new HelpAskDbContext(SqliteOptions($"Data Source={latest};Mode=ReadOnly"));
        Assert.Equal(OlderVersion, (await copy.Database.GetAppliedMigrationsAsync(TestContext.Current.CancellationToken)).Last());
        Assert.Equal(1, await copy.Users.CountAsync(u => u.Id == "kept", TestContext.Current.CancellationToken));
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    private static DbContextOptions<HelpAskDbContext> SqliteOptions(string connectionString)
    {
        var options = new DbContextOptionsBuilder<HelpAskDbContext>();
        DataSetup.UseDatabase(options, DatabaseProvider.Sqlite, connectionString);
        return options.Options;
    }

    [Fact]
    public async Task A_new_database_needs_no_copy()
    {
        await using var app = new HelpAskAppFactory();
        app.StartServer();

        Assert.Empty(Directory.GetFiles(app.DataDirectory, "helpask.before-*.db"));
    }
}
