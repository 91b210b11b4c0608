using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace HelpAsk.Web.Data;

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
        CreatePrivateDirectory(keysDirectory);

        var connectionString = builder.Configuration.GetConnectionString("HelpAsk");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = $"Data Source={Path.Combine(dataDirectory, DatabaseFileName)}";
        }

        // The factory serves Blazor components (one short-lived context per operation, safe across
        // a long-lived circuit); it also registers a scoped context for Identity's stores.
        // Some SQLite migrations rebuild a table outside a transaction. A new database has nothing to lose
        // and an existing one is copied first (MigrateDatabaseAsync), so EF's warning about it is only news.
        builder.Services.AddDbContextFactory<HelpAskDbContext>(options => options
            .UseSqlite(connectionString)
            .ConfigureWarnings(w => w.Log((RelationalEventId.NonTransactionalMigrationOperationWarning, LogLevel.Information))));
        builder.Services.AddSingleton(TimeProvider.System);

        // Sign-in cookies and antiforgery tokens stay valid across restarts when their keys live with the data.
        builder.Services.AddDataProtection()
            .SetApplicationName("HelpAsk")
            .PersistKeysToFileSystem(new DirectoryInfo(keysDirectory));
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

    public static string ResolveDataDirectory(IConfiguration configuration, IHostEnvironment environment)
    {
        var options = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        return Path.GetFullPath(options.DataDirectory, environment.ContentRootPath);
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
