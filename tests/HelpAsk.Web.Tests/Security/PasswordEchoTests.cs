using HelpAsk.Testing;
using HelpAsk.Web.Tests.Integration;
using static HelpAsk.Web.Tests.Security.AccountClients;

namespace HelpAsk.Web.Tests.Security;

/// <summary>A form shown again after a failure never carries the typed password back into the page.</summary>
public sealed class PasswordEchoTests : IDisposable
{
    private const string Typed = "typed-secret-9f3k2";
    private readonly HelpAskAppFactory app = new();

    [Fact]
    public async Task A_failed_log_in_does_not_write_the_password_into_the_page()
    {
        await app.CreateAccountAsync("alice@example.org", Password);
        using var client = app.NewClient();

        await AssertNotEchoedAsync(await SubmitLogInAsync(client, "alice@example.org", Typed));
    }

    [Fact]
    public async Task A_failed_registration_does_not_write_the_passwords_into_the_page()
    {
        using var client = app.NewClient();

        await AssertNotEchoedAsync(await HtmlForms.SubmitAsync(client, "/Account/Register", "register", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "New Person", ["Input.Email"] = "new@example.org", ["Input.Password"] = Typed, ["Input.ConfirmPassword"] = Typed + "x",
        }));
    }

    [Fact]
    public async Task A_failed_reset_does_not_write_the_passwords_into_the_page()
    {
        using var client = app.NewClient();

        await AssertNotEchoedAsync(await HtmlForms.SubmitAsync(client, "/Account/ResetPassword?code=bm90LWEtY29kZQ", "reset-password", new Dictionary<string, string>
        {
            ["Input.Email"] = "new@example.org", ["Input.Password"] = Typed, ["Input.ConfirmPassword"] = Typed + "x",
        }));
    }

    [Theory]
    [InlineData("/Account/Manage/DeletePersonalData", "delete-user", "Input.Password")]
    [InlineData("/Account/Manage/ChangePassword", "change-password", "Input.OldPassword")]
    public async Task A_failed_account_change_does_not_write_the_password_into_the_page(string path, string form, string field)
    {
        await app.CreateAccountAsync("alice@example.org", Password);
        var (client, _) = await app.LoggedInAsync("alice@example.org");

        await AssertNotEchoedAsync(await HtmlForms.SubmitAsync(client, path, form, new Dictionary<string, string>
        {
            [field] = Typed, ["Input.NewPassword"] = "another long passphrase", ["Input.ConfirmPassword"] = "another long passphrase",
        }));
        client.Dispose();
    }

    private static async Task AssertNotEchoedAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("type=\"password\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("typed-secret", html, StringComparison.Ordinal);
    }

    public void Dispose() => app.Dispose();
}
