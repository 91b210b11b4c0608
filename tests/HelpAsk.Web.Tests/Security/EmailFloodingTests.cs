using System.Net;
using HelpAsk.Testing;
using HelpAsk.Web.Tests.Integration;
using static HelpAsk.Web.Tests.Integration.MailTestKit;
using static HelpAsk.Web.Tests.Security.AccountClients;

namespace HelpAsk.Web.Tests.Security;

/// <summary>The anonymous forms that send email cannot be used to flood an inbox: limits per address and per client.</summary>
public sealed class EmailFloodingTests : IDisposable
{
    private readonly HelpAskAppFactory app = new();

    [Fact]
    public async Task Resending_the_confirmation_again_and_again_sends_at_most_the_per_address_limit()
    {
        app.Settings["RateLimits:AccountEmails:PerAddressPermitLimit"] = "2";
        await app.CreateAccountAsync("unconfirmed@example.org", Password);

        for (var post = 0; post < 5; post++)
        {
            using var client = app.NewClient();
            var answer = await ResendAsync(client, "unconfirmed@example.org");
            Assert.Contains("Verification email sent", answer, StringComparison.Ordinal);
        }

        await Eventually.HoldsAsync(async () => (await app.OutboxAsync()).Count >= 2, "the first two emails");
        await Task.Delay(500, TestContext.Current.CancellationToken);
        Assert.Equal(2, (await app.OutboxAsync()).Count);
    }

    [Fact]
    public async Task A_confirmed_address_gets_no_confirmation_email()
    {
        await app.CreateConfirmedAccountAsync("confirmed@example.org");
        using var client = app.NewClient();

        var answer = await ResendAsync(client, "confirmed@example.org");

        Assert.Contains("Verification email sent", answer, StringComparison.Ordinal);
        Assert.Empty(await app.OutboxAsync());
    }

    [Theory]
    [InlineData("/Account/ResendEmailConfirmation", "resend-email-confirmation")]
    [InlineData("/Account/ForgotPassword", "forgot-password")]
    [InlineData("/Account/Register", "register")]
    public async Task One_client_posting_an_email_form_too_often_is_told_to_wait(string path, string form)
    {
        app.Settings["RateLimits:AccountEmails:PerClientPermitLimit"] = "3";
        using var client = app.NewClient();

        var answers = new List<HttpStatusCode>();
        for (var post = 0; post < 4; post++)
        {
            var page = await client.GetStringAsync(path, TestContext.Current.CancellationToken);
            var response = await HtmlForms.SubmitAsync(client, path, page, form, new Dictionary<string, string>
            {
                ["Input.DisplayName"] = "New Person", ["Input.Email"] = $"someone-{post}@example.org", ["Input.Password"] = Password, ["Input.ConfirmPassword"] = Password,
            });
            answers.Add(response.StatusCode);
        }

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, answers.Take(3));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[3]);
    }

    private static async Task<string> ResendAsync(HttpClient client, string email)
    {
        var response = await HtmlForms.SubmitAsync(client, "/Account/ResendEmailConfirmation", "resend-email-confirmation", new Dictionary<string, string> { ["Input.Email"] = email });
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    public void Dispose() => app.Dispose();
}
