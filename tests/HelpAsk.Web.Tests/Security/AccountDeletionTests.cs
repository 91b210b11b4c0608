using System.Net;
using HelpAsk.Testing;
using HelpAsk.Web.Features.Requests;
using HelpAsk.Web.Tests.Integration;
using Microsoft.Extensions.DependencyInjection;
using static HelpAsk.Web.Tests.Integration.MailTestKit;
using static HelpAsk.Web.Tests.Security.AccountClients;

namespace HelpAsk.Web.Tests.Security;

/// <summary>Deleting an account leaves none of its emails behind, and its other sessions end cleanly.</summary>
public sealed class AccountDeletionTests : IDisposable
{
    private readonly HelpAskAppFactory app = new();

    [Fact]
    public async Task Deleting_an_account_removes_its_emails_and_lands_on_a_page_that_says_so()
    {
        var alice = await app.CreateAccountAsync("alice@example.org", Password);
        var bob = await app.CreateAccountAsync("bob@example.org", Password);
        await SendRequestAsync(alice);
        await SendRequestAsync(bob);
        await Eventually.HoldsAsync(() => Directory.Exists(app.PickupDirectory) && Directory.GetFiles(app.PickupDirectory, "*.eml").Length == 2, "both emails in the pickup folder");
        var (client, _) = await app.LoggedInAsync("alice@example.org");

        var deleted = await HtmlForms.SubmitAsync(client, "/Account/Manage/DeletePersonalData", "delete-user", new Dictionary<string, string> { ["Input.Password"] = Password });

        Assert.Equal("/Account/Deleted", deleted.Headers.Location?.AbsolutePath);
        var landing = await client.GetAsync(deleted.Headers.Location, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, landing.StatusCode);
        Assert.Contains("Your account was deleted", await landing.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        var left = Assert.Single(await app.OutboxAsync());
        Assert.Equal(bob, left.OwnerId);
        Assert.Equal([left.Id.ToString("N") + ".eml"], Directory.GetFiles(app.PickupDirectory, "*.eml").Select(Path.GetFileName));
        client.Dispose();
    }

    [Theory]
    [InlineData("/requests")]
    [InlineData("/")]
    [InlineData("/helpers")]
    [InlineData("/settings/data")]
    [InlineData("/Account/Manage")]
    [InlineData("/export/helpask.json")]
    [InlineData("/export/helpers.csv")]
    [InlineData("/export/requests.csv")]
    public async Task A_deleted_account_s_copied_cookie_is_signed_out_without_an_error(string path)
    {
        await app.CreateAccountAsync("alice@example.org", Password);
        var (client, cookie) = await app.LoggedInAsync("alice@example.org");
        using var copy = app.WithCopiedCookie(cookie);
        await HtmlForms.SubmitAsync(client, "/Account/Manage/DeletePersonalData", "delete-user", new Dictionary<string, string> { ["Input.Password"] = Password });

        var response = await copy.GetAsync(path, TestContext.Current.CancellationToken);

        if (path == "/")
        {
            // The home page welcomes visitors; it must just not be the signed-in dashboard of a deleted account.
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotContain("Log out", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }
        else
        {
            AssertSentToLogIn(response);
        }

        client.Dispose();
    }

    private async Task SendRequestAsync(string accountId)
    {
        var requestId = await app.CreateReadyRequestAsync(accountId);
        await using var scope = app.Services.CreateAsyncScope();
        Assert.IsType<RequestChange.Done>(await app.ServiceFor<RequestTracking>(accountId, scope).SendByEmailAsync(requestId, "Moving the piano"));
    }

    public void Dispose() => app.Dispose();
}
