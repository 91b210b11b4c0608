using System.Net;
using HelpAsk.Testing;
using HelpAsk.Web.Tests.Integration;
using static HelpAsk.Web.Tests.Security.AccountClients;

namespace HelpAsk.Web.Tests.Security;

/// <summary>A return address from the query string only ever leads within HelpAsk; malformed requests are 400s, not 500s.</summary>
public sealed class ReturnUrlTests : IDisposable
{
    public static TheoryData<string> ForeignAddresses => ["https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:alert(1)", "http:evil.example"];

    private readonly HelpAskAppFactory app = new();

    [Theory]
    [MemberData(nameof(ForeignAddresses))]
    public async Task Logging_in_with_a_foreign_return_address_goes_home_signed_in(string returnUrl)
    {
        await app.CreateAccountAsync("alice@example.org", Password);
        using var client = app.NewClient();

        var login = await SubmitLogInAsync(client, "alice@example.org", Password, "/Account/Login?ReturnUrl=" + Uri.EscapeDataString(returnUrl));

        AssertGoesHome(login);
        Assert.Contains(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith(AuthCookie + "=", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/requests", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(ForeignAddresses))]
    public async Task Registering_with_a_foreign_return_address_goes_home_signed_in(string returnUrl)
    {
        using var client = app.NewClient();

        var registered = await HtmlForms.SubmitAsync(client, "/Account/Register?ReturnUrl=" + Uri.EscapeDataString(returnUrl), "register", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "New Person", ["Input.Email"] = "new@example.org", ["Input.Password"] = Password, ["Input.ConfirmPassword"] = Password,
        });

        AssertGoesHome(registered);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/requests", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task A_local_return_address_is_kept()
    {
        await app.CreateAccountAsync("alice@example.org", Password);
        using var client = app.NewClient();

        var login = await SubmitLogInAsync(client, "alice@example.org", Password, "/Account/Login?ReturnUrl=%2Fhelpers");

        Assert.Equal("/helpers", login.Headers.Location?.OriginalString.Replace("http://localhost", "", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(ForeignAddresses))]
    public async Task Logging_out_with_a_foreign_return_address_goes_home(string returnUrl)
    {
        await app.CreateAccountAsync("alice@example.org", Password);
        var (client, _) = await app.LoggedInAsync("alice@example.org");
        var page = await client.GetStringAsync("/requests", TestContext.Current.CancellationToken);
        var token = AntiforgeryToken(page);

        var logout = await client.PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["ReturnUrl"] = returnUrl,
        }), TestContext.Current.CancellationToken);

        AssertGoesHome(logout);
        client.Dispose();
    }

    [Theory]
    [InlineData("/Account/Logout")]
    [InlineData("/Account/PasskeyCreationOptions")]
    [InlineData("/Account/PasskeyRequestOptions")]
    public async Task Posting_without_an_antiforgery_token_is_a_bad_request(string path)
    {
        using var client = app.NewClient();

        var response = await client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string> { ["ReturnUrl"] = "" }), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Asking_for_passkey_creation_options_without_an_account_is_a_bad_request()
    {
        using var client = app.NewClient();
        var page = await client.GetStringAsync("/Account/Login", TestContext.Current.CancellationToken);
        var token = AntiforgeryToken(page);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/Account/PasskeyCreationOptions");
        request.Headers.Add("RequestVerificationToken", token);

        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private static void AssertGoesHome(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.True(!location.IsAbsoluteUri || location.Host == "localhost", $"Went to {location}");
        Assert.Equal("/", location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString);
    }

    public void Dispose() => app.Dispose();
}
