using System.Net;
using HelpAsk.Core.Domain;
using HelpAsk.Testing;
using HelpAsk.Web.Data;
using HelpAsk.Web.Tests.Integration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpAsk.Web.Tests.Security;

/// <summary>
/// The public forms (no account needed) posted on the real server with what an attacker sends instead of a name: a
/// 10 MB value, a NUL, no antiforgery token. Each is refused with a page that says nothing was saved, never a blank 400.
/// </summary>
public sealed class HostileFormTests : IDisposable
{
    private const string Refused = "This form was not sent, and nothing was saved";
    private static readonly string TenMegabytes = new('a', 10 * 1024 * 1024);

    private readonly HelpAskAppFactory app = new(onKestrel: true);

    public HostileFormTests() => app.Settings["Email:PublicBaseUrl"] = "https://helpask.example/";

    public static TheoryData<string, string, string> PublicForms => new()
    {
        { "/Account/Login", "login", "Input.Email" },
        { "/Account/Register", "register", "Input.DisplayName" },
        { "/Account/ForgotPassword", "forgot-password", "Input.Email" },
    };

    [Theory]
    [MemberData(nameof(PublicForms))]
    public async Task A_ten_megabyte_value_is_refused_with_a_page_that_says_nothing_was_saved(string path, string form, string field)
    {
        using var client = Browser();

        await AssertRefusedAsync(await HtmlForms.SubmitAsync(client, path, form, Filled(field, TenMegabytes)));
        await AssertNoAccountWasMadeAsync();
    }

    [Theory]
    [MemberData(nameof(PublicForms))]
    public async Task A_NUL_in_a_value_is_refused_with_a_page_that_says_nothing_was_saved(string path, string form, string field)
    {
        using var client = Browser();

        await AssertRefusedAsync(await HtmlForms.SubmitAsync(client, path, form, Filled(field, "sam\0@example.org")));
        await AssertNoAccountWasMadeAsync();
    }

    [Fact]
    public async Task A_form_without_its_antiforgery_token_is_refused_with_the_same_page()
    {
        using var client = Browser();
        using var forged = new FormUrlEncodedContent(Filled("Input.DisplayName", "Sam Jones"));

        await AssertRefusedAsync(await client.PostAsync("/Account/Register", forged, TestContext.Current.CancellationToken));
        await AssertNoAccountWasMadeAsync();
    }

    [Fact]
    public async Task An_answer_with_a_NUL_or_ten_megabytes_is_refused_and_the_request_keeps_no_answer()
    {
        var alice = await app.CreateAccountAsync("alice@example.org", AccountClients.Password, emailConfirmed: true);
        var path = $"/answer/{await app.SendAndReadAnswerTokenAsync(alice)}";
        using var helper = Browser();

        foreach (var note in new[] { "Happy\0to", TenMegabytes })
        {
            await AssertRefusedAsync(await HtmlForms.SubmitAsync(helper, path, "answer", new Dictionary<string, string> { ["Input.Kind"] = "Yes", ["Input.Note"] = note }));
        }

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpAskDbContext>();
        Assert.False(await db.RequestEvents.AnyAsync(e => e.Kind == RequestEventKind.Answered, TestContext.Current.CancellationToken));
    }

    public static TheoryData<string> PublicLinksWithANul => new()
    {
        "/answer/abc%00def",
        "/notifications/unsubscribe/abc%00def",
        "/Account/ConfirmEmail?userId=%00&code=abc%00def",
        "/Account/ConfirmEmailChange?userId=%00&email=sam%00%40example.org&code=abc",
        "/Account/ResetPassword?code=abc%00def",
        "/Account/Login?ReturnUrl=%2F%00",
        "/Account/RegisterConfirmation?email=sam%00%40example.org",
    };

    /// <summary>PostgreSQL refuses a NUL in any text it is sent: a link with one must be an ordinary "not found", never a 500.</summary>
    [Theory]
    [MemberData(nameof(PublicLinksWithANul))]
    public async Task A_public_link_with_a_NUL_in_it_gets_an_ordinary_page_never_a_server_error(string link)
    {
        using var client = Browser();

        var response = await client.GetAsync(link, TestContext.Current.CancellationToken);

        Assert.True((int)response.StatusCode < 500, $"{link} gave {(int)response.StatusCode}");
    }

    [Fact]
    public async Task An_account_link_whose_code_was_mangled_says_the_link_is_invalid_and_changes_nothing()
    {
        var sam = await app.CreateAccountAsync("sam@example.org", AccountClients.Password);
        using var client = Browser();
        var cancel = TestContext.Current.CancellationToken;

        var reset = await client.GetAsync("/Account/ResetPassword?code=not*base64!", cancel);
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.EndsWith("/Account/InvalidPasswordReset", reset.Headers.Location!.OriginalString, StringComparison.Ordinal);

        var confirm = await client.GetAsync($"/Account/ConfirmEmail?userId={sam}&code=not*base64!", cancel);
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        Assert.Contains("Error confirming your email.", await confirm.Content.ReadAsStringAsync(cancel), StringComparison.Ordinal);

        var change = await client.GetAsync($"/Account/ConfirmEmailChange?userId={sam}&email=mallory%40example.org&code=not*base64!", cancel);
        Assert.True((int)change.StatusCode < 500, $"the email change link gave {(int)change.StatusCode}");
        Assert.Single(await app.AccountsAsync("sam@example.org"));
        Assert.Empty(await app.AccountsAsync("mallory@example.org"));
    }

    public void Dispose() => app.Dispose();

    private HttpClient Browser() => new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.ServerAddress };

    private static Dictionary<string, string> Filled(string field, string value) => new()
    {
        ["Input.Email"] = "sam@example.org",
        ["Input.DisplayName"] = "Sam Jones",
        ["Input.Password"] = AccountClients.Password,
        ["Input.ConfirmPassword"] = AccountClients.Password,
        [field] = value,
    };

    private static async Task AssertRefusedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(Refused, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    private async Task AssertNoAccountWasMadeAsync() => Assert.Empty(await app.AccountsAsync("sam@example.org"));
}
