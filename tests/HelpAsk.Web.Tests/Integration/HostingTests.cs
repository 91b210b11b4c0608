using System.Net;
using System.Runtime.Versioning;
using HelpAsk.Testing;
using HelpAsk.Web.Data;
using HelpAsk.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HelpAsk.Web.Tests.Integration;

public sealed class HostingTests
{
    [Fact]
    public async Task Health_is_200_when_the_database_answers()
    {
        using var app = new HelpAskAppFactory();

        var response = await app.CreateClient().GetAsync(Health.Path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Health_is_503_when_the_database_is_gone()
    {
        using var app = new HelpAskAppFactory();
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Health.Path)).StatusCode);

        using (app.TakeDatabaseAway())
        {
            var response = await client.GetAsync(Health.Path);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("Unhealthy", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task A_failure_shows_a_friendly_page_and_never_the_stack_trace()
    {
        using var app = new HelpAskAppFactory().WithWebHostBuilder(web =>
            web.ConfigureTestServices(services => services.AddTransient<IStartupFilter, ThrowingEndpoint>()));

        var response = await app.CreateClient().GetAsync(ThrowingEndpoint.Path);
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("Sorry, something went wrong on our side.", page, StringComparison.Ordinal);
        Assert.DoesNotContain(ThrowingEndpoint.Secret, page, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", page, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(ThrowingEndpoint), page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_posted_to_an_unknown_address_shows_the_not_found_page()
    {
        using var app = new HelpAskAppFactory();

        using var form = new FormUrlEncodedContent([new("answer", "yes")]);
        var response = await app.CreateClient().PostAsync("/no-such-page", form, TestContext.Current.CancellationToken);

        // Routing answers 405 when only the static files' GET fallback could take the address; either way, the page.
        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed });
        Assert.Contains("We can't find that page.", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_address_shows_the_not_found_page()
    {
        using var app = new HelpAskAppFactory();

        var response = await app.CreateClient().GetAsync("/no-such-page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("We can't find that page.", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_database_and_logs_are_created_in_the_data_folder_on_first_start()
    {
        using var app = new HelpAskAppFactory();
        app.Settings[Logging.RequestLinesSetting] = "Debug";

        await app.CreateClient().GetAsync("/");

        Assert.True(File.Exists(app.DatabasePath) || HelpAskAppFactory.Provider != DatabaseProvider.Sqlite);
        Assert.Contains("HTTP GET / responded 200", await ReadLogWhenItContainsAsync(app, "HTTP GET /"), StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(Path.Combine(app.DataDirectory, "logs"), "helpask-*.log"));
    }

    [Fact]
    public async Task Email_addresses_never_reach_the_log_file()
    {
        using var app = new HelpAskAppFactory();
        await app.CreateClient().GetAsync("/");

        app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("probe")
            .LogWarning("Could not deliver to {Recipient}", "sam.jones@example.org");

        var log = await ReadLogWhenItContainsAsync(app, "Could not deliver");
        Assert.Contains("Could not deliver to [email]", log, StringComparison.Ordinal);
        Assert.DoesNotContain("sam.jones@example.org", log, StringComparison.Ordinal);
    }

    /// <summary>
    /// Log lines can land just after the client has its response (the request line is written as the
    /// response completes), so wait a little for the expected text.
    /// </summary>
    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task A_new_data_folder_and_its_keys_are_for_the_app_s_account_only()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes");
        var parent = Directory.CreateTempSubdirectory("helpask-private-").FullName;
        var folder = Path.Combine(parent, "data");
        try
        {
            await using (var app = new HelpAskAppFactory(dataDirectory: folder))
            {
                // The login form's antiforgery token makes the first key.
                using var client = app.CreateClient();
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Account/Login", TestContext.Current.CancellationToken)).StatusCode);
            }

            const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
            Assert.Equal(OwnerOnly, File.GetUnixFileMode(folder));
            // On PostgreSQL the keys are in the database, shared by every instance (KeyStorageTests).
            if (HelpAskAppFactory.Provider == DatabaseProvider.Sqlite)
            {
                Assert.Equal(OwnerOnly, File.GetUnixFileMode(Path.Combine(folder, "keys")));
                Assert.NotEmpty(Directory.GetFiles(Path.Combine(folder, "keys"), "key-*.xml"));
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(parent, recursive: true);
        }
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task An_existing_data_folder_keeps_the_access_it_was_given()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes");
        var folder = Directory.CreateTempSubdirectory("helpask-shared-").FullName;
        const UnixFileMode Shared = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute;
        File.SetUnixFileMode(folder, Shared);
        try
        {
            await using (var app = new HelpAskAppFactory(dataDirectory: folder))
            {
                app.StartServer();
            }

            Assert.Equal(Shared, File.GetUnixFileMode(folder));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static Task<string> ReadLogWhenItContainsAsync(HelpAskAppFactory app, string expected)
    {
        var logs = Path.Combine(app.DataDirectory, "logs");
        return Eventually.ReadAsync(
            async () =>
            {
                var text = "";
                foreach (var file in Directory.Exists(logs) ? Directory.GetFiles(logs, "helpask-*.log") : [])
                {
                    await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                    using var reader = new StreamReader(stream);
                    text = await reader.ReadToEndAsync();
                }

                return text;
            },
            text => text.Contains(expected, StringComparison.Ordinal),
            $"a log line with \"{expected}\"",
            TimeSpan.FromSeconds(5));
    }

    /// <summary>Adds, after the app's own pipeline, an endpoint that fails with a secret in its message.</summary>
    private sealed class ThrowingEndpoint : IStartupFilter
    {
        public const string Path = "/test/fails";
        public const string Secret = "connection string with password=hunter2";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Map(Path, branch => branch.Run(_ => throw new InvalidOperationException(Secret)));
        };
    }
}
