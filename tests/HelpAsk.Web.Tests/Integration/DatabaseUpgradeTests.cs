using HelpAsk.Testing;
using HelpAsk.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
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
        await using (var old = new HelpAskDbContext(Options(DatabaseProvider.Sqlite, $"Data Source={database}")))
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
        await using var copy = new HelpAskDbContext(Options(DatabaseProvider.Sqlite, $"Data Source={latest};Mode=ReadOnly"));
        Assert.Equal(OlderVersion, (await copy.Database.GetAppliedMigrationsAsync(TestContext.Current.CancellationToken)).Last());
        Assert.Equal(1, await copy.Users.CountAsync(u => u.Id == "kept", TestContext.Current.CancellationToken));
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    private static DbContextOptions<HelpAskDbContext> Options(DatabaseProvider provider, string connectionString)
    {
        var options = new DbContextOptionsBuilder<HelpAskDbContext>();
        DataSetup.UseDatabase(options, provider, connectionString);
        return options.Options;
    }

    [Fact]
    public async Task Timeline_entries_stored_before_they_carried_an_owner_belong_to_their_request_s_account_after_upgrading()
    {
        await using var app = new HelpAskAppFactory();
        var cancel = TestContext.Current.CancellationToken;
        // Without the app's Identity options the model differs from the migrations' in Identity's tables only.
        var options = new DbContextOptionsBuilder<HelpAskDbContext>(Options(HelpAskAppFactory.Provider, app.ConnectionString))
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        await using var db = new HelpAskDbContext(options.Options);
        var migrations = db.Database.GetMigrations().ToList();
        var beforeOwners = migrations[migrations.FindIndex(m => m.EndsWith("_PerAccountIndexes", StringComparison.Ordinal)) - 1];
        await db.GetService<IMigrator>().MigrateAsync(beforeOwners, cancel);
        // Literals both engines read (quoted names; '1' is a boolean to PostgreSQL and 1 to SQLite).
        foreach (var owner in new[] { "first", "second" })
        {
            var request = owner == "first" ? "0197A2B4-0000-7000-8000-000000000001" : "0197A2B4-0000-7000-8000-000000000002";
            var rows = $"""
                INSERT INTO "AspNetUsers" ("Id", "UserName", "EmailConfirmed", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount") VALUES ('{owner}', '{owner}', '1', '0', '0', '1', 0);
                INSERT INTO "HelpRequests" ("Id", "OwnerId", "Title", "Situation", "Signal", "WhatINeed", "EffortEstimate", "WhyThisPerson", "Openness", "ComposedText", "Status", "CreatedAt", "UpdatedAt", "Version")
                    VALUES ('{request}', '{owner}', 'Moving day', '', '', '', '', '', '', '', 'Draft', '2026-11-01 10:00:00', '2026-11-01 10:00:00', '{request}');
                INSERT INTO "RequestEvents" ("Id", "HelpRequestId", "At", "Kind") VALUES ('{request.Replace("0000-7000", "0001-7000", StringComparison.Ordinal)}', '{request}', '2026-11-01 10:00:00', 'Created');
                """;
            await db.Database.ExecuteSqlRawAsync(rows, cancel);
        }

        await db.GetService<IMigrator>().MigrateAsync(cancellationToken: cancel);

        var owners = await db.RequestEvents.IgnoreQueryFilters([HelpAskDbContext.Ownership])
            .Join(db.HelpRequests.IgnoreQueryFilters([HelpAskDbContext.Ownership]), e => e.HelpRequestId, r => r.Id, (e, r) => new { Event = e.OwnerId, Request = r.OwnerId })
            .ToListAsync(cancel);
        Assert.Equal(2, owners.Count);
        Assert.All(owners, o => Assert.Equal(o.Request, o.Event));
    }

    [Fact]
    public async Task A_new_database_needs_no_copy()
    {
        await using var app = new HelpAskAppFactory();
        app.StartServer();

        Assert.Empty(Directory.GetFiles(app.DataDirectory, "helpask.before-*.db"));
    }
}
