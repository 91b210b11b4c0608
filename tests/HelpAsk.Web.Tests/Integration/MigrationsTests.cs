using HelpAsk.Testing;
using HelpAsk.Web.Data;
using HelpAsk.Web.Features.Account;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HelpAsk.Web.Tests.Integration;

/// <summary>One model, a set of migrations per provider: each set is complete, and neither sees the other's.</summary>
public sealed class MigrationsTests : IDisposable
{
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("helpask-migrations-").FullName;

    // The model and the migrations need no server: the connection strings are never opened.
    public static TheoryData<DatabaseProvider, string> Providers => new()
    {
        { DatabaseProvider.Sqlite, "Data Source=:memory:" },
        { DatabaseProvider.PostgreSQL, "Host=127.0.0.1;Database=unused" },
    };

    [Theory]
    [MemberData(nameof(Providers))]
    public void Each_provider_s_migrations_cover_the_whole_model(DatabaseProvider provider, string connectionString)
    {
        using var db = ContextFor(provider, connectionString);

        Assert.False(db.Database.HasPendingModelChanges(),
            $"The model has changed since the last {provider} migration: add one for both providers with scripts/add-migration.sh NAME.");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void Each_provider_runs_its_own_migrations_only(DatabaseProvider provider, string connectionString)
    {
        using var db = ContextFor(provider, connectionString);
        var expected = provider == DatabaseProvider.PostgreSQL ? ProviderMigrations.PostgreSqlNamespace : ProviderMigrations.SqliteNamespace;

        var migrations = db.Database.GetMigrations().ToList();

        Assert.NotEmpty(migrations);
        Assert.All(db.GetService<IMigrationsAssembly>().Migrations.Values, migration => Assert.Equal(expected, migration.Namespace));
        if (provider == DatabaseProvider.Sqlite)
        {
            // Existing SQLite databases carry these ids in their history: they must never change.
            Assert.Equal("20261125210214_InitialSchema", migrations[0]);
        }
    }

    [Fact]
    public void A_provider_that_is_not_known_stops_the_app_with_the_ones_it_could_be()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Database:Provider"] = "Oracle" }).Build();

        var error = Assert.Throws<InvalidOperationException>(() => DataSetup.ProviderOf(configuration));

        Assert.Contains("use Sqlite or PostgreSQL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PostgreSQL_without_a_connection_string_stops_the_app_saying_what_to_set()
    {
        using var app = new HelpAskAppFactory();
        app.Settings["Database:Provider"] = "PostgreSQL";
        app.Settings["ConnectionStrings:HelpAsk"] = "";

        var error = Assert.ThrowsAny<Exception>(app.StartServer);

        Assert.Contains("ConnectionStrings:HelpAsk is empty", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_instances_starting_at_once_on_a_new_database_both_start_on_it_migrated_once()
    {
        var folder = Directory.CreateTempSubdirectory("helpask-two-instances-").FullName;
        var first = new HelpAskAppFactory(dataDirectory: folder);
        var second = new HelpAskAppFactory(dataDirectory: folder);
        try
        {
            await Task.WhenAll(Task.Run(first.StartServer), Task.Run(second.StartServer));

            foreach (var app in new[] { first, second })
            {
                using var client = app.CreateClient();
                Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/healthz", TestContext.Current.CancellationToken)).StatusCode);
            }

            await using var scope = first.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HelpAskDbContext>();
            Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync(TestContext.Current.CancellationToken));
        }
        finally
        {
            second.Dispose();
            first.Dispose();
            first.DropPostgresDatabase();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>A context as the app registers it (Identity's options shape the model too), with no server started.</summary>
    private HelpAskDbContext ContextFor(DatabaseProvider provider, string connectionString)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider.ToString(),
            ["ConnectionStrings:HelpAsk"] = connectionString,
            ["Storage:DataDirectory"] = dataDirectory,
        });
        builder.AddHelpAskData();
        builder.Services.AddHelpAskAccounts();
        return builder.Build().Services.GetRequiredService<IDbContextFactory<HelpAskDbContext>>().CreateDbContext();
    }

    public void Dispose() => Directory.Delete(dataDirectory, recursive: true);
}
