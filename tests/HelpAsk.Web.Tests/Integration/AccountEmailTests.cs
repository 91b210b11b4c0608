using System.Net;
using HelpAsk.Testing;
using HelpAsk.Web.Features.Sending;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using netDumbster.smtp;
using static HelpAsk.Testing.MailServer;
using static HelpAsk.Web.Tests.Integration.MailTestKit;

namespace HelpAsk.Web.Tests.Integration;

/// <summary>With a mail server configured, accounts confirm their address and can reset a password by email.</summary>
public sealed class AccountEmailTests : IDisposable
{
    private const string Password = "a long enough passphrase";
    private readonly int port = FreePort();
    private readonly SimpleSmtpServer smtp;
    private readonly HelpAskAppFactory app;

    public AccountEmailTests()
    {
        smtp = SimpleSmtpServer.Start(port);
        app = new HelpAskAppFactory().WithSmtp(port);
    }

    [Fact]
    public async Task A_new_account_confirms_its_address_by_email_before_it_can_log_in()
    {
        using var client = NewClient();

        var registered = await HtmlForms.SubmitAsync(client, "/Account/Register", "register", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "New Person", ["Input.Email"] = "new@example.org", ["Input.Password"] = Password, ["Input.ConfirmPassword"] = Password,
        });
        Assert.Equal("/Account/RegisterConfirmation", registered.Headers.Location?.AbsolutePath);

        var early = await LogInAsync(client, "new@example.org", Password);
        Assert.Contains("Please confirm your email address first", early, StringComparison.Ordinal);

        await Eventually.HoldsAsync(() => smtp.ReceivedEmailCount == 1, "the confirmation email");
        var email = Read(smtp.Received()[0]);
        Assert.Equal("new@example.org", email.To.Mailboxes.Single().Address);
        Assert.Equal("Confirm your email address for HelpAsk", email.Subject);
        var confirm = await client.GetStringAsync(LinkIn(email.TextBody!, "/Account/ConfirmEmail"), TestContext.Current.CancellationToken);
        Assert.Contains("Thank you for confirming your email.", confirm, StringComparison.Ordinal);

        var loggedIn = await SubmitLogInAsync(client, "new@example.org", Password);
        Assert.Equal(HttpStatusCode.Redirect, loggedIn.StatusCode);
        Assert.DoesNotContain("Account/Login", loggedIn.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
        Assert.Contains(loggedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Identity.Application=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_forgotten_password_is_reset_through_an_emailed_link()
    {
        var accountId = await app.CreateAccountAsync("alice@example.org", Password);
        await ConfirmAsync(accountId);
        using var client = NewClient();

        await HtmlForms.SubmitAsync(client, "/Account/ForgotPassword", "forgot-password", new Dictionary<string, string> { ["Input.Email"] = "alice@example.org" });
        await Eventually.HoldsAsync(() => smtp.ReceivedEmailCount == 1, "the reset email");
        var email = Read(smtp.Received()[0]);
        Assert.Equal("Reset your HelpAsk password", email.Subject);

        var resetPath = LinkIn(email.TextBody!, "/Account/ResetPassword");
        var reset = await HtmlForms.SubmitAsync(client, resetPath, "reset-password", new Dictionary<string, string>
        {
            ["Input.Email"] = "alice@example.org", ["Input.Password"] = "a brand new passphrase", ["Input.ConfirmPassword"] = "a brand new passphrase",
        });
        Assert.Equal("/Account/ResetPasswordConfirmation", reset.Headers.Location?.AbsolutePath);

        Assert.Contains("do not match an account", await LogInAsync(client, "alice@example.org", Password), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await SubmitLogInAsync(client, "alice@example.org", "a brand new passphrase")).StatusCode);
        Assert.All(await app.OutboxAsync(), m => Assert.Equal(OutboxPurpose.AccountEmail, m.Purpose));
    }

    [Fact]
    public async Task Asking_to_reset_the_password_of_an_unknown_address_sends_nothing_and_says_nothing_different()
    {
        using var client = NewClient();

        var response = await HtmlForms.SubmitAsync(client, "/Account/ForgotPassword", "forgot-password", new Dictionary<string, string> { ["Input.Email"] = "nobody@example.org" });

        Assert.Equal("/Account/ForgotPasswordConfirmation", response.Headers.Location?.AbsolutePath);
        Assert.Empty(await app.OutboxAsync());
    }

    private HttpClient NewClient() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private async Task ConfirmAsync(string accountId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<HelpAsk.Web.Data.ApplicationUser>>();
        var user = await users.FindByIdAsync(accountId);
        await users.ConfirmEmailAsync(user!, await users.GenerateEmailConfirmationTokenAsync(user!));
    }

    private static Task<HttpResponseMessage> SubmitLogInAsync(HttpClient client, string email, string password) =>
        HtmlForms.SubmitAsync(client, "/Account/Login", "login", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });

    private static async Task<string> LogInAsync(HttpClient client, string email, string password) =>
        await (await SubmitLogInAsync(client, email, password)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

    /// <summary>The path and query of the link in the email that goes to the given page.</summary>
    private static string LinkIn(string body, string page)
    {
        var match = System.Text.RegularExpressions.Regex.Match(body, $@"https?://[^/\s]+(?<path>{System.Text.RegularExpressions.Regex.Escape(page)}\?\S+)");
        Assert.True(match.Success, $"No link to {page} in:\n{body}");
        return match.Groups["path"].Value;
    }

    public void Dispose()
    {
        app.Dispose();
        smtp.Dispose();
    }
}
