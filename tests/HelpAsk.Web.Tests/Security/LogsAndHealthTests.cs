using System.Collections.Concurrent;
using System.Net;
using HelpAsk.Testing;
using HelpAsk.Web.Data;
using HelpAsk.Web.Features.Notifications;
using HelpAsk.Web.Features.Requests;
using HelpAsk.Web.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;
using static HelpAsk.Web.Tests.Integration.MailTestKit;

namespace HelpAsk.Web.Tests.Security;

/// <summary>What reaches the logs (never a secret from an address), and what /healthz reports (the truth, and no false outage).</summary>
public sealed class LogsAndHealthTests : IDisposable
{
    private readonly MemorySink logged = new();
    private readonly HelpAskAppFactory app;

    public LogsAndHealthTests()
    {
        app = new HelpAskAppFactory(onKestrel: true);
        app.Settings["Email:PublicBaseUrl"] = "https://helpask.example/";
        app.TestServices = services => services.AddSingleton<ILogEventSink>(logged);
    }

    [Fact]
    public async Task No_answer_token_reset_code_or_confirmation_code_reaches_any_log_sink()
    {
        app.Settings[Logging.RequestLinesSetting] = "Debug";
        var alice = await app.CreateAccountAsync("alice@example.org");
        var token = await app.SendAndReadAnswerTokenAsync(alice);
        const string Code = "Q29kZVRoYXRNdXN0TmV2ZXJCZUxvZ2dlZA";
        using var client = new HttpClient { BaseAddress = app.ServerAddress };

        var page = await client.GetStringAsync($"/answer/{token}", TestContext.Current.CancellationToken);
        var answered = await Integration.HtmlForms.SubmitAsync(client, $"/answer/{token}", page, "answer", new Dictionary<string, string>
        {
            ["Input.Kind"] = "Yes", ["Input.Alternative"] = "", ["Input.Note"] = "",
        });
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        await client.GetAsync($"/answer/{token}x", TestContext.Current.CancellationToken);
        await client.GetAsync($"/answer/{token}/more", TestContext.Current.CancellationToken);
        await client.GetAsync($"/Account/ConfirmEmail?userId={alice}&code={Code}", TestContext.Current.CancellationToken);
        await client.GetAsync($"/Account/ConfirmEmailChange?userId={alice}&email=a%40example.org&code={Code}", TestContext.Current.CancellationToken);
        await client.GetAsync($"/Account/ResetPassword?code={Code}", TestContext.Current.CancellationToken);
        await Eventually.HoldsAsync(() => logged.Events.Count(e => e.Properties.ContainsKey("StatusCode")) >= 7, "the request log lines");
        var files = string.Join('\n', Directory.GetFiles(Path.Combine(app.DataDirectory, "logs")).Select(ReadShared));

        var everything = string.Join('\n', logged.Events.Select(e => e.RenderMessage() + " " + string.Join(' ', e.Properties.Select(p => p.Value.ToString())) + e.Exception))
            + files;
        Assert.Contains("HTTP GET /answer/{Token} responded 200", files, StringComparison.Ordinal);
        Assert.Contains("/answer/{Token}", everything, StringComparison.Ordinal);
        Assert.DoesNotContain(token, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(Code, everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_that_keep_themselves_out_of_caches_log_no_warning_when_their_form_is_rendered()
    {
        // The antiforgery token sets "no-cache, no-store" itself and warns when a page had set other cache headers
        // first: under load that was a warning line, and a lock on the console, for every helper opening their link.
        var alice = await app.CreateAccountAsync("alice@example.org");
        var token = await app.SendAndReadAnswerTokenAsync(alice);
        var unsubscribe = new Uri(app.Services.GetRequiredService<UnsubscribeLinks>().For(alice, NotificationKind.Answers)).PathAndQuery;
        using var client = new HttpClient { BaseAddress = app.ServerAddress };

        foreach (var page in new[] { $"/answer/{token}", unsubscribe, "/Account/Login" })
        {
            using var response = await client.GetAsync(page, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        }

        // The one warning allowed: a new key ring without a certificate to encrypt it (docs/operations.md), written once.
        var warnings = logged.Events
            .Where(e => e.Level >= LogEventLevel.Warning && e.Properties.GetValueOrDefault("SourceContext")?.ToString() != "\"Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager\"")
            .Select(e => $"{e.Properties.GetValueOrDefault("SourceContext")}: {e.RenderMessage()}").ToList();
        Assert.True(warnings.Count == 0, string.Join('\n', warnings));
    }

    [Fact]
    public async Task By_default_only_failed_or_slow_requests_are_logged()
    {
        Assert.SkipWhen(HelpAskAppFactory.Provider != DatabaseProvider.Sqlite, "SQLite only: the failed request is made with SQLite's whole-database write lock");
        using var client = new HttpClient { BaseAddress = app.ServerAddress };
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Account/Login", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz", TestContext.Current.CancellationToken)).StatusCode);
        await using (var locker = await LockAsync())
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/healthz", TestContext.Current.CancellationToken)).StatusCode);
        }

        await Eventually.HoldsAsync(() => logged.Events.Any(e => e.Properties.ContainsKey("StatusCode")), "the failed request's log line");
        var requestLines = logged.Events.Where(e => e.Properties.ContainsKey("StatusCode")).ToList();
        var failed = Assert.Single(requestLines, e => e.Level == LogEventLevel.Error);
        Assert.Equal("503", failed.Properties["StatusCode"].ToString());
        // The fast ones are not logged; on a busy machine a cold first page can be slow, and a slow one is a warning.
        Assert.All(requestLines.Except([failed]), line =>
        {
            Assert.Equal(LogEventLevel.Warning, line.Level);
            Assert.True(double.Parse(line.Properties["Elapsed"].ToString(), System.Globalization.CultureInfo.InvariantCulture) >= Logging.SlowRequest.TotalMilliseconds);
        });
    }

    [Fact]
    public async Task A_write_locked_database_is_reported_unhealthy_and_healthy_again_once_the_lock_goes()
    {
        Assert.SkipWhen(HelpAskAppFactory.Provider != DatabaseProvider.Sqlite, "SQLite only: a whole-database write lock is SQLite's; PostgreSQL locks rows");
        using var client = new HttpClient { BaseAddress = app.ServerAddress };
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz", TestContext.Current.CancellationToken)).StatusCode);

        await using (var locker = await LockAsync())
        {
            var locked = await client.GetAsync("/healthz", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, locked.StatusCode);
            Assert.Equal("Unhealthy", await locked.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task A_client_that_hangs_up_mid_request_is_not_logged_as_an_error_or_an_outage()
    {
        app.Settings[Logging.RequestLinesSetting] = "Debug";
        Assert.SkipWhen(HelpAskAppFactory.Provider != DatabaseProvider.Sqlite, "SQLite only: the check is held up by SQLite's whole-database write lock");
        using var client = new HttpClient { BaseAddress = app.ServerAddress };
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz", TestContext.Current.CancellationToken)).StatusCode);

        await using (var locker = await LockAsync())
        {
            // The health check waits for the write lock; the client gives up first.
            using var hangUp = new CancellationTokenSource(TimeSpan.FromMilliseconds(400));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetAsync("/healthz", hangUp.Token));
            await Eventually.HoldsAsync(() => logged.Events.Any(e => e.Properties.ContainsKey("StatusCode")), "the request's log line", seconds: 10);
            await Task.Delay(TimeSpan.FromSeconds(2.5), TestContext.Current.CancellationToken);
        }

        Assert.DoesNotContain(logged.Events, e => e.Level >= LogEventLevel.Error);
        Assert.DoesNotContain(logged.Events, e => e.Level >= LogEventLevel.Warning && e.Properties.ContainsKey("RequestPath"));
    }

    [Fact]
    public async Task Many_clients_hanging_up_at_any_moment_of_the_check_never_make_an_outage()
    {
        using var client = new HttpClient { BaseAddress = app.ServerAddress };
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz", TestContext.Current.CancellationToken)).StatusCode);
        var statuses = new ConcurrentBag<HttpStatusCode>();

        // As a load generator stopping mid-run: many checks at once, each client gone after 0 to 40 ms, so some hang
        // up while the connection opens, some while the migrations are read, some while waiting for the write lock.
        await Parallel.ForAsync(0, 200, new ParallelOptions { MaxDegreeOfParallelism = 50 }, async (i, _) =>
        {
            using var hangUp = new CancellationTokenSource(TimeSpan.FromMilliseconds(i % 41));
            try
            {
                using var response = await client.GetAsync("/healthz", hangUp.Token);
                statuses.Add(response.StatusCode);
            }
            catch (OperationCanceledException)
            {
                // The client gave up, as intended.
            }
        });
        // A client that hangs up before its request is sent leaves no line; the others finish within the write wait.
        await Task.Delay(Health.DatabaseHealthCheck.WriteWait + TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
        AssertNoErrorLogged();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz", TestContext.Current.CancellationToken)).StatusCode);
    }

    private void AssertNoErrorLogged()
    {
        var errors = logged.Events.Where(e => e.Level >= LogEventLevel.Error)
            .Select(e => $"{e.Properties.GetValueOrDefault("SourceContext")} {e.MessageTemplate.Text} {e.RenderMessage()} {e.Exception}").ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors.Distinct()));
    }

    /// <summary>Another process's write transaction on the database file, as a backup tool or a stuck writer holds it.</summary>
    private async Task<SqliteConnection> LockAsync()
    {
        var connection = new SqliteConnection($"Data Source={app.DatabasePath};Pooling=False");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var begin = connection.CreateCommand();
        begin.CommandText = "BEGIN EXCLUSIVE";
        await begin.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        return connection;
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public void Dispose() => app.Dispose();
}
