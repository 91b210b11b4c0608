using HelpAsk.Testing;
using HelpAsk.Web.Data;
using HelpAsk.Web.Features.Requests;
using HelpAsk.Web.Features.Sending;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpAsk.Web.Tests.Integration;

/// <summary>Ways to wait for the background dispatcher, and to read what it stored and sent.</summary>
internal static class MailTestKit
{
    public static async Task<List<OutboxMessage>> OutboxAsync(this HelpAskAppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpAskDbContext>();
        return await db.OutboxMessages.IgnoreQueryFilters().AsNoTracking().OrderBy(m => m.CreatedAt).ToListAsync();
    }

    /// <summary>
    /// Waits until every email written so far is recorded as delivered. A test calls it before its fake clock jumps: a
    /// jump in mid-delivery would outlast the dispatcher's lease and let another round send the email again. A real
    /// clock would need one SMTP exchange to outlast the 2 minute lease, each of its steps having a 30 s timeout.
    /// </summary>
    public static Task WaitUntilDeliveredAsync(this HelpAskAppFactory app) =>
        Eventually.HoldsAsync(
            async () =>
            {
                var outbox = await app.OutboxAsync();
                Assert.DoesNotContain(outbox, m => m.State == DeliveryState.Failed);
                return outbox.Count > 0 && outbox.All(m => m.State == DeliveryState.Delivered);
            },
            "every email recorded as delivered");

    /// <summary>Lets the dispatcher run a few more rounds, so a second delivery would have had its chance.</summary>
    public static async Task WaitForDispatcherRoundsAsync(this HelpAskAppFactory app)
    {
        var dispatcher = app.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<OutboxDispatcher>().Single();
        for (var round = 0; round < 3; round++)
        {
            await dispatcher.DeliverDueAsync(TestContext.Current.CancellationToken);
        }
    }

    /// <summary>
    /// Sends a ready request of the account by email (no SMTP: into the pickup folder), waits for its delivery and
    /// returns the token of the answer link in it.
    /// </summary>
    public static async Task<string> SendAndReadAnswerTokenAsync(this HelpAskAppFactory app, string accountId)
    {
        var requestId = await app.CreateReadyRequestAsync(accountId);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.IsType<RequestChange.Done>(await app.ServiceFor<RequestTracking>(accountId, scope).SendByEmailAsync(requestId, "Hello"));
        }

        await Eventually.HoldsAsync(() => Directory.Exists(app.PickupDirectory) && Directory.GetFiles(app.PickupDirectory, "*.eml").Length == 1, "delivery");
        var email = await MimeKit.MimeMessage.LoadAsync(Directory.GetFiles(app.PickupDirectory, "*.eml").Single(), TestContext.Current.CancellationToken);
        return AnswerLinkIn(email.TextBody!);
    }

    /// <summary>The answer link in a delivered email body.</summary>
    public static string AnswerLinkIn(string body)
    {
        var match = System.Text.RegularExpressions.Regex.Match(body, @"https://helpask\.example/answer/([A-Za-z0-9_-]+)");
        Assert.True(match.Success, $"No answer link in:\n{body}");
        return match.Groups[1].Value;
    }
}
