using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace HelpAsk.Web.Data;

/// <summary>The database engine: SQLite (embedded, the default) or a PostgreSQL server.</summary>
public enum DatabaseProvider
{
    Sqlite,
    PostgreSQL,
}

/// <summary>Which database HelpAsk uses (<c>Database:Provider</c>); where it is, is <c>ConnectionStrings:HelpAsk</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
}

/// <summary>Where HelpAsk keeps its data: SQLite in the data folder unless a connection string says otherwise.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>The data folder (database, logs); relative paths are under the app's content root.</summary>
    public string DataDirectory { get; set; } = "App_Data";
}

public static class DataSetup
{
    public const string DatabaseFileName = "helpask.db";

    public static WebApplicationBuilder AddHelpAskData(this WebApplicationBuilder builder)
    {
        var dataDirectory = ResolveDataDirectory(builder.Configuration, builder.Environment);
        var keysDirectory = Path.Combine(dataDirectory, "keys");
        CreatePrivateDirectory(dataDirectory);
        var provider = ProviderOf(builder.Configuration);
        if (provider == DatabaseProvider.Sqlite)
        {
            CreatePrivateDirectory(keysDirectory);
        }

        var connectionString = builder.Configuration.GetConnectionString("HelpAsk");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = provider == DatabaseProvider.Sqlite
                ? $"Data Source={Path.Combine(dataDirectory, DatabaseFileName)}"
                : throw new InvalidOperationException(
                    "Database:Provider is PostgreSQL but ConnectionStrings:HelpAsk is empty; set it to the server's connection string, "
                    + "for example \"Host=db.example.org;Database=helpask;Username=helpask;Password=...\".");
        }

        // The factory serves Blazor components (one short-lived context per operation, safe across
        // a long-lived circuit); it also registers a scoped context for Identity's stores.
        builder.Services.AddDbContextFactory<HelpAskDbContext>(options => UseDatabase(options, provider, connectionString));
        builder.Services.AddSingleton(TimeProvider.System);

        // Other instances' changes: heard on PostgreSQL (LISTEN/NOTIFY); on SQLite there is one instance, which wakes itself.
        builder.Services.AddSingleton<ChangeFeed>();
        if (provider == DatabaseProvider.PostgreSQL)
        {
            builder.Services.AddHostedService(services => ActivatorUtilities.CreateInstance<PostgresChangeListener>(services, connectionString));
        }

        // Sign-in cookies and antiforgery tokens stay valid across restarts (and instances) when their keys live with the data.
        builder.AddHelpAskDataProtection(provider, keysDirectory);
        return builder;
    }

    /// <summary>
    /// The data folder holds every user's requests, and its keys sign their sessions (stored
    /// unencrypted: ASP.NET logs "No XML encryptor configured"). On Linux and macOS a folder created here
    /// is readable by the account running HelpAsk only; one that exists keeps the access it was given.
    /// </summary>
    private static void CreatePrivateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            // A new folder inherits its parent's access list: under a user's profile, that user's.
            Directory.CreateDirectory(path);
        }
        else if (!Directory.Exists(path))
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>The configured provider; a value that names none stops the app with the ones it could be.</summary>
    public static DatabaseProvider ProviderOf(IConfiguration configuration)
    {
        var value = configuration[$"{DatabaseOptions.Section}:{nameof(DatabaseOptions.Provider)}"];
        if (string.IsNullOrWhiteSpace(value))
        {
            return DatabaseProvider.Sqlite;
        }

        return Enum.TryParse<DatabaseProvider>(value, ignoreCase: true, out var provider) && Enum.IsDefined(provider)
            ? provider
            : throw new InvalidOperationException($"Database:Provider \"{value}\" is not known; use Sqlite or PostgreSQL.");
    }

    /// <summary>The one place a context is pointed at its engine and its migrations: the app, the tools and the tests come through here.</summary>
    public static DbContextOptionsBuilder UseDatabase(DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(options);
        _ = provider switch
        {
            DatabaseProvider.PostgreSQL => options.UseNpgsql(connectionString),
            _ => options.UseSqlite(connectionString),
        };

        // Some SQLite migrations rebuild a table outside a transaction. A new database has nothing to lose
        // and an existing one is copied first (MigrateDatabaseAsync), so EF's warning about it is only news.
        return options
            .ReplaceService<IMigrationsAssembly, ProviderMigrations>()
            .ConfigureWarnings(w => w.Log((RelationalEventId.NonTransactionalMigrationOperationWarning, LogLevel.Information)));
    }

    public static string ResolveDataDirectory(IConfiguration configuration, IHostEnvironment environment)
    {
        var options = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        return Path.GetFullPath(options.DataDirectory, environment.ContentRootPath);
    }

    /// <summary>The advisory lock every instance takes to migrate: any fixed number, the same in every version.</summary>
    private const long MigrationLock = 0x48656C7041736B; // "HelpAsk"

    /// <summary>
    /// Several instances may start at once on one server: each creates the database if it is missing (one wins, the
    /// others find it), then migrates holding a session-level advisory lock, so one applies the migrations while the
    /// others wait and then find nothing pending.
    /// </summary>
    private static async Task MigratePostgreSqlAsync(HelpAskDbContext db)
    {
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync())
        {
            try
            {
                await creator.CreateAsync();
            }
            catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.DuplicateDatabase)
            {
                // Another instance created it a moment ago.
            }
        }

        await db.Database.OpenConnectionAsync();
        try
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({MigrationLock})");
            try
            {
                // Npgsql's migrator reads the history table before creating it and catches the "does not exist", but EF has
                // logged that read as a failed command (an Error line, no exception) by then: on a new database, create it first.
                await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync();
                await db.Database.MigrateAsync();
            }
            finally
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({MigrationLock})");
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Applies pending migrations before the app takes requests, and switches the database to WAL
    /// so readers never wait for the writer. An existing SQLite database is first copied next to
    /// itself (<c>helpask.before-MIGRATION.db</c>), so an upgrade cut short loses nothing.
    /// </summary>
    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpAskDbContext>();
        if (db.Database.IsNpgsql())
        {
            await MigratePostgreSqlAsync(db);
            return;
        }

        var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
        if (pending.Count > 0 && db.Database.IsSqlite() && (await db.Database.GetAppliedMigrationsAsync()).Any())
        {
            var file = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
            var copy = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".", $"{Path.GetFileNameWithoutExtension(file)}.before-{pending[^1]}.db");
            if (!File.Exists(copy))
            {
                // A consistent copy even while another connection writes.
                await db.Database.ExecuteSqlAsync($"VACUUM INTO {copy}");
                app.Logger.LogInformation("Upgrading the database ({Count} migrations); a copy of it as it was is in {Copy}", pending.Count, copy);
            }
        }

        await db.Database.MigrateAsync();
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }
    }
}
