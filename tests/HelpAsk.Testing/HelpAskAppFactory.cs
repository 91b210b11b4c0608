using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using HelpAsk.Core.Domain;
using HelpAsk.Web.Data;
using HelpAsk.Web.Features.Account;
using HelpAsk.Web.Features.Coaching;
using HelpAsk.Web.Features.Helpers;
using HelpAsk.Web.Features.Requests;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace HelpAsk.Testing;

/// <summary>
/// The real app, in Production mode, on its own SQLite file in a fresh temporary data folder (or the given
/// one, to start the app again on the same data). With <paramref name="onKestrel"/> it listens on a loopback
/// port for a real browser (the given <paramref name="port"/>, to start the app again where a page still points).
/// When <c>HELPASK_TEST_POSTGRES</c> names a PostgreSQL server (tests/test.sh starts a private one), the app runs on
/// its own database there instead, named after the data folder and dropped with it.
/// </summary>
public class HelpAskAppFactory(bool onKestrel = false, string? dataDirectory = null, int? port = null) : WebApplicationFactory<Program>
{
    private readonly bool ownsDataDirectory = dataDirectory is null;

    // Chosen before start, so the public address for email links (required with SMTP) can name it.
    private readonly int kestrelPort = onKestrel ? port ?? MailServer.FreePort() : 0;

    public string DataDirectory { get; } = dataDirectory ?? Directory.CreateTempSubdirectory("helpask-test-").FullName;

    /// <summary>Configuration for this app (for example <c>Email:Smtp:Host</c>), set before it starts.</summary>
    public Dictionary<string, string?> Settings { get; } = new(StringComparer.OrdinalIgnoreCase)
    {
        // Links in emails name the public address; a browser test's is its own loopback port.
        ["Email:PublicBaseUrl"] = onKestrel ? null : "https://helpask.example/",
    };

    /// <summary>Replaces services of the real app, for faults that cannot be caused from outside (set before it starts).</summary>
    public Action<IServiceCollection>? TestServices { get; set; }

    /// <summary>Where emails go when no SMTP server is configured.</summary>
    public string PickupDirectory => Path.Combine(DataDirectory, "mail");

    public string DatabasePath => Path.Combine(DataDirectory, DataSetup.DatabaseFileName);

    /// <summary>The PostgreSQL server the tests run on (an Npgsql connection string), or null for SQLite.</summary>
    public static string? PostgresServer { get; } = Environment.GetEnvironmentVariable("HELPASK_TEST_POSTGRES") is { Length: > 0 } server ? server : null;

    public static DatabaseProvider Provider => PostgresServer is null ? DatabaseProvider.Sqlite : DatabaseProvider.PostgreSQL;

    /// <summary>This app's database on <see cref="PostgresServer"/>: one per data folder, so a restart finds its data.</summary>
    public string PostgresDatabase => $"helpask_test_{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(DataDirectory)))[..20]}";

    /// <summary>Where this app's data is, as <c>ConnectionStrings:HelpAsk</c> says it.</summary>
    public string ConnectionString => PostgresServer is { } server
        ? new NpgsqlConnectionStringBuilder(server) { Database = PostgresDatabase }.ConnectionString
        : $"Data Source={DatabasePath}";

    /// <summary>The loopback address Kestrel listens on (only with onKestrel), the same as the emails' links.</summary>
    public Uri ServerAddress
    {
        get
        {
            var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
            var listening = new Uri(addresses.Addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
            return new UriBuilder(listening) { Host = "127.0.0.1" }.Uri;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Storage:DataDirectory", DataDirectory);
        if (Provider == DatabaseProvider.PostgreSQL)
        {
            builder.UseSetting("Database:Provider", nameof(DatabaseProvider.PostgreSQL));
            builder.UseSetting("ConnectionStrings:HelpAsk", ConnectionString);
        }

        if (onKestrel)
        {
            Settings["Email:PublicBaseUrl"] ??= $"http://127.0.0.1:{kestrelPort}/";
        }

        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
        if (TestServices is { } replace)
        {
            builder.ConfigureServices(replace);
        }

        if (onKestrel)
        {
            UseKestrel(kestrelPort);
        }
    }

    /// <summary>
    /// Creates an account directly through Identity and returns its id. With a mail server configured, logging in
    /// needs a confirmed address: <paramref name="emailConfirmed"/> stands for following the emailed link.
    /// </summary>
    public async Task<string> CreateAccountAsync(string email, string password = "correct horse battery", bool emailConfirmed = false)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = emailConfirmed };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }

        return user.Id;
    }

    /// <summary>Changes a stored request directly, for what only time can do in the app (a request sent days ago).</summary>
    public async Task ChangeRequestAsync(Guid requestId, Action<UpdateSettersBuilder<HelpRequest>> set)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpAskDbContext>();
        if (await db.HelpRequests.IgnoreQueryFilters().Where(r => r.Id == requestId).ExecuteUpdateAsync(set) != 1)
        {
            throw new InvalidOperationException($"No request {requestId} to change.");
        }
    }

    /// <summary>A service as the given account would get it inside its own circuit.</summary>
    public T ServiceFor<T>(string accountId, AsyncServiceScope scope)
        where T : notnull =>
        ActivatorUtilities.CreateInstance<T>(scope.ServiceProvider, AccountOf(accountId));

    /// <summary>The signed-in account as the app's services see it, for services built by hand.</summary>
    public static CurrentAccount AccountOf(string accountId) => new(new SignedIn(accountId));

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && ownsDataDirectory)
        {
            // Pooled connections keep the SQLite file open; release them so the folder can go.
            SqliteConnection.ClearAllPools();
            DropPostgresDatabase();

            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A log file still being flushed: the OS temp cleaner takes the rest.
            }
        }
    }

    /// <summary>
    /// The database disappears under the running app: the data folder is moved away so no new connection can open the
    /// SQLite file, and on PostgreSQL the database is dropped. Disposing the result moves the folder back (a dropped
    /// PostgreSQL database stays gone).
    /// </summary>
    public IDisposable TakeDatabaseAway()
    {
        var moved = DataDirectory + "-moved";
        Directory.Move(DataDirectory, moved);
        SqliteConnection.ClearAllPools();
        DropPostgresDatabase();
        return new DatabaseBack(() =>
        {
            SqliteConnection.ClearAllPools();
            Directory.Move(moved, DataDirectory);
        });
    }

    private sealed class DatabaseBack(Action putBack) : IDisposable
    {
        public void Dispose() => putBack();
    }

    /// <summary>
    /// Drops this app's PostgreSQL database (nothing on SQLite, whose file goes with the data folder). Done at dispose for
    /// a data folder of its own; a test that shares a folder between apps calls it once they are disposed.
    /// </summary>
    public void DropPostgresDatabase()
    {
        if (PostgresServer is not { } server)
        {
            return;
        }

        // This app's pooled connections go first; FORCE ends any other session still on the database.
        using (var connection = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        using var admin = new NpgsqlConnection(server);
        admin.Open();
        using var drop = admin.CreateCommand();
        drop.CommandText = $"DROP DATABASE IF EXISTS \"{PostgresDatabase}\" WITH (FORCE)";
        drop.ExecuteNonQuery();
    }

    /// <summary>A helper with an email address and a complete draft to them, ready to send; returns the draft's id.</summary>
    public async Task<Guid> CreateReadyRequestAsync(string accountId, string helperName = "Sam Jones", string? helperEmail = "sam@example.org")
    {
        await using var scope = Services.CreateAsyncScope();
        var helper = await ServiceFor<HelperDirectory>(accountId, scope).AddValidAsync(helperName, helperEmail);
        var requests = ServiceFor<RequestStore>(accountId, scope);
        var draft = await requests.StartDraftAsync("Moving the piano");
        var content = new DraftContent(
            "Moving the piano", helper.Id,
            "We move flat on Saturday and the piano has to go down two flights.",
            "I'd be grateful for your help with it.",
            "Could you help carry it down on Saturday morning?", null, "about an hour", "You moved yours last year.",
            "If Saturday doesn't suit, no problem at all.", "");
        var senderName = await ServiceFor<AccountProfile>(accountId, scope).DisplayNameAsync();
        content = content with { ComposedText = RequestMessage.Compose(content.Parts, helper.Name, senderName) };
        var saved = await requests.SaveDraftAsync(draft.Id, draft.Version, content);
        return saved is DraftSave<DraftContent>.Saved ? draft.Id : throw new InvalidOperationException($"The draft was not saved: {saved}");
    }

    private sealed class SignedIn(string accountId) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() =>
            Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity(
                [new Claim(ClaimTypes.NameIdentifier, accountId)], "test"))));
    }
}
