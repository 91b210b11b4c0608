using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using HelpAsk.Testing;
using HelpAsk.Web.Data;
using HelpAsk.Web.Tests.Integration;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using netDumbster.smtp;
using static HelpAsk.Testing.MailServer;
using static HelpAsk.Web.Tests.Integration.MailTestKit;
using static HelpAsk.Web.Tests.Security.AccountClients;

namespace HelpAsk.Web.Tests.Security;

/// <summary>Nothing the account pages answer, nor how fast, tells whether an address has an account.</summary>
public sealed partial class EnumerationTests : IDisposable
{
    private readonly int port = FreePort();
    private readonly SimpleSmtpServer smtp;
    private readonly HelpAskAppFactory app;

    public EnumerationTests()
    {
        smtp = SimpleSmtpServer.Start(port);
        app = new HelpAskAppFactory().WithSmtp(port);
    }

    [Fact]
    public async Task The_register_confirmation_page_answers_the_same_for_known_and_unknown_addresses()
    {
        await app.CreateAccountAsync("known@example.org", Password);
        using var client = app.NewClient();

        var known = await client.GetAsync("/Account/RegisterConfirmation?email=known%40example.org", TestContext.Current.CancellationToken);
        var unknown = await client.GetAsync("/Account/RegisterConfirmation?email=unknown%40example.org", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
        Assert.Equal(known.StatusCode, unknown.StatusCode);
        Assert.Equal(Normalized(await known.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)),
            Normalized(await unknown.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task Registering_a_taken_address_answers_like_a_new_one_and_tells_only_its_owner()
    {
        await app.CreateConfirmedAccountAsync("taken@example.org");
        using var client = app.NewClient();

        var taken = await RegisterAsync(client, "taken@example.org");
        var fresh = await RegisterAsync(client, "fresh@example.org");

        Assert.Equal(fresh.StatusCode, taken.StatusCode);
        Assert.Equal("/Account/RegisterConfirmation", taken.Headers.Location?.AbsolutePath);
        Assert.Equal(fresh.Headers.Location?.AbsolutePath, taken.Headers.Location?.AbsolutePath);
        await Eventually.HoldsAsync(() => smtp.ReceivedEmailCount == 2, "the owner's notice and the new account's confirmation");
        var notice = smtp.Received().Select(Read).Single(m => m.To.Mailboxes.Single().Address == "taken@example.org");
        Assert.Equal("Someone tried to create a HelpAsk account with your address", notice.Subject);
        Assert.Single(await app.AccountsAsync("taken@example.org"));
    }

    [Fact]
    public async Task A_wrong_password_takes_about_as_long_for_a_real_account_as_for_an_unknown_address()
    {
        var accountId = await app.CreateConfirmedAccountAsync("real@example.org");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            // Lock-out would make later attempts on the real account fast for another reason.
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            await users.SetLockoutEnabledAsync((await users.FindByIdAsync(accountId))!, false);
        }

        using var client = app.NewClient();
        var page = await client.GetStringAsync("/Account/Login", TestContext.Current.CancellationToken);
        var real = new List<double>();
        var unknown = new List<double>();
        for (var round = 0; round < 12; round++)
        {
            // Interleaved, so a busy moment on a shared machine slows both sides alike.
            real.Add(await TimeWrongPasswordAsync(client, page, "real@example.org"));
            unknown.Add(await TimeWrongPasswordAsync(client, page, $"nobody-{round}@example.org"));
        }

        var (realMedian, unknownMedian) = (Median(real), Median(unknown));
        var ratio = Math.Max(realMedian, unknownMedian) / Math.Max(1, Math.Min(realMedian, unknownMedian));
        Assert.True(ratio < 3, $"Median wrong-password answer: {realMedian:F1} ms for a real account, {unknownMedian:F1} ms for an unknown address.");
    }

    private static async Task<double> TimeWrongPasswordAsync(HttpClient client, string page, string email)
    {
        var clock = Stopwatch.StartNew();
        var response = await HtmlForms.SubmitAsync(client, "/Account/Login", page, "login", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = "not the password at all" });
        clock.Stop();
        Assert.Contains("do not match an account", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        return clock.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static Task<HttpResponseMessage> RegisterAsync(HttpClient client, string email) =>
        HtmlForms.SubmitAsync(client, "/Account/Register", "register", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "New Person", ["Input.Email"] = email, ["Input.Password"] = Password, ["Input.ConfirmPassword"] = Password,
        });

    // Antiforgery tokens, generated element ids and Blazor's protected component state differ on every page; nothing else may.
    private static string Normalized(string html) => PerRender().Replace(html, "");

    [GeneratedRegex("[A-Za-z0-9+/=_-]{40,}|value=\"[^\"]*\"|nonce=\"[^\"]*\"|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex PerRender();

    public void Dispose()
    {
        app.Dispose();
        smtp.Dispose();
    }
}
