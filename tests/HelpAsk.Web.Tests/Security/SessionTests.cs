using HelpAsk.Testing;
using HelpAsk.Web.Tests.Integration;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static HelpAsk.Web.Tests.Security.AccountClients;

namespace HelpAsk.Web.Tests.Security;

/// <summary>Log-out and a password change end the account's other sessions, a copied sign-in cookie included.</summary>
public sealed class SessionTests : IDisposable
{
    private readonly HelpAskAppFactory app = new();

    public SessionTests()
    {
        // Check on every request, instead of the minute in production, so the test need not wait.
        app.Settings["Accounts:SessionCheckInterval"] = "00:00:00";
    }

    [Fact]
    public async Task A_copied_cookie_stops_working_after_log_out()
    {
        await app.CreateAccountAsync("alice@example.org", Password);
        var (client, cookie) = await app.LoggedInAsync("alice@example.org");
        using var copy = app.WithCopiedCookie(cookie);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await copy.GetAsync("/requests", TestContext.Current.CancellationToken)).StatusCode);

        var page = await client.GetStringAsync("/requests", TestContext.Current.CancellationToken);
        var logout = await client.PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryToken(page), ["ReturnUrl"] = "",
        }), TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, logout.StatusCode);

        AssertSentToLogIn(await copy.GetAsync("/requests", TestContext.Current.CancellationToken));
        client.Dispose();
    }

    [Fact]
    public async Task A_copied_cookie_stops_working_after_a_password_change_and_the_changing_session_stays()
    {
        await app.CreateAccountAsync("alice@example.org", Password);
        var (client, cookie) = await app.LoggedInAsync("alice@example.org");
        using var copy = app.WithCopiedCookie(cookie);

        var changed = await HtmlForms.SubmitAsync(client, "/Account/Manage/ChangePassword", "change-password", new Dictionary<string, string>
        {
            ["Input.OldPassword"] = Password, ["Input.NewPassword"] = "another long passphrase", ["Input.ConfirmPassword"] = "another long passphrase",
        });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, changed.StatusCode);

        AssertSentToLogIn(await copy.GetAsync("/requests", TestContext.Current.CancellationToken));
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/requests", TestContext.Current.CancellationToken)).StatusCode);
        client.Dispose();
    }

    [Fact]
    public void Sessions_are_checked_every_minute_unless_configured()
    {
        using var defaults = new HelpAskAppFactory();

        var interval = defaults.Services.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value.ValidationInterval;

        Assert.Equal(TimeSpan.FromMinutes(1), interval);
    }

    public void Dispose() => app.Dispose();
}
