using HelpAsk.Testing;
using System.Text.RegularExpressions;
using HelpAsk.Web.Features.Requests;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using static Microsoft.Playwright.Assertions;

namespace HelpAsk.EndToEnd.Tests;

[Collection(BrowserCollection.Name)]
public sealed partial class NotificationJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_helper_answers_in_another_browser_and_the_askers_email_links_to_the_request_showing_the_answer()
    {
        var (page, accountId, email) = await browser.NewSignedInAsync("notified");
        var helperAddress = $"sam-{Guid.NewGuid():N}@example.org";
        var requestId = await browser.App.CreateReadyRequestAsync(accountId, "Sam Jones", helperAddress);
        await using (var scope = browser.App.Services.CreateAsyncScope())
        {
            Assert.IsType<RequestChange.Done>(await browser.App.ServiceFor<RequestTracking>(accountId, scope).SendByEmailAsync(requestId, "Could I ask for your help?"));
        }

        var answerLink = AnswerLink().Match((await MailToAsync(helperAddress)).TextBody!).Value;
        var helper = await browser.NewPageAsync();
        await helper.GotoAsync(answerLink);
        await helper.GetByLabel("Yes, I can help").CheckAsync();
        await helper.GetByLabel($"A note for {email} (optional)").FillAsync("Happy to, <b>Saturday</b> works");
        await helper.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Send my answer" }).ClickAsync();
        await Expect(helper.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = "Thank you, Sam" })).ToBeVisibleAsync();
        await helper.Context.CloseAsync();

        var notification = await MailToAsync(email);
        Assert.StartsWith("Sam Jones said yes: ", notification.Subject, StringComparison.Ordinal);
        var requestLink = RequestLink().Match(notification.TextBody!).Value;
        Assert.EndsWith($"/requests/{requestId}", requestLink, StringComparison.Ordinal);

        await page.GotoAsync(requestLink);
        await page.WaitForInteractiveAsync();
        await Expect(page.Locator("#timeline")).ToContainTextAsync("Sam Jones answered: Yes");
        await Expect(page.Locator("#timeline")).ToContainTextAsync("Happy to, <b>Saturday</b> works");
        await page.Context.CloseAsync();
    }

    /// <summary>The one email in the pickup folder addressed to <paramref name="address"/>, once the dispatcher has written it.</summary>
    private async Task<MimeMessage> MailToAsync(string address) =>
        (await Eventually.ReadAsync<MimeMessage?>(
            async () =>
            {
                foreach (var file in Directory.Exists(browser.App.PickupDirectory) ? Directory.GetFiles(browser.App.PickupDirectory, "*.eml") : [])
                {
                    var message = await MimeMessage.LoadAsync(file, TestContext.Current.CancellationToken);
                    if (message.To.Mailboxes.Any(m => m.Address == address))
                    {
                        return message;
                    }
                }

                return null;
            },
            found => found is not null,
            $"an email to {address}"))!;

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/answer/[A-Za-z0-9_-]+")]
    private static partial Regex AnswerLink();

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/requests/[0-9a-f-]+")]
    private static partial Regex RequestLink();
}
