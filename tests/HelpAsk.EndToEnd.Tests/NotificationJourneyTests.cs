using HelpAsk.Testing;
using System.Text.RegularExpressions;
using HelpAsk.Web.Features.Notifications;
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

    [Fact]
    public async Task Settings_survive_a_reload_and_the_digests_link_says_what_it_turned_off_and_its_undo_turns_that_back_on()
    {
        var (page, accountId, _) = await browser.NewSignedInAsync("unsubscribing");
        await page.GotoInteractiveAsync("settings/notifications");
        var nudge = Switch(page, NotificationKind.NoAnswer);
        var digest = page.GetByRole(AriaRole.Switch, new PageGetByRoleOptions { Name = NotificationSettings.DigestDescription });
        await Expect(nudge).ToBeCheckedAsync();
        await nudge.UncheckAsync();
        await Expect(page.GetByText($"{NotificationKinds.Describe(NotificationKind.NoAnswer)}: emails off.")).ToBeVisibleAsync();
        await digest.CheckAsync();
        await Expect(page.GetByText("One daily email from now on.")).ToBeVisibleAsync();

        await page.ReloadAsync();
        await page.WaitForInteractiveAsync();
        await Expect(Switch(page, NotificationKind.NoAnswer)).Not.ToBeCheckedAsync();
        await Expect(Switch(page, NotificationKind.Answers)).ToBeCheckedAsync();
        await Expect(digest).ToBeCheckedAsync();

        // The digest's "turn these emails off" link, as its email gives it, opened in the same browser.
        await page.GotoAsync(browser.App.Services.GetRequiredService<UnsubscribeLinks>().ForEveryKind(accountId));
        await Expect(page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = "Turn off these emails?" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Turn them off" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = "These emails are off" })).ToBeVisibleAsync();
        string[] turnedOff = [.. new[] { NotificationKind.Answers, NotificationKind.NotThanked, NotificationKind.FollowUpDue }.Select(NotificationKinds.Describe)];
        await Expect(page.Locator(".notification-kinds li")).ToHaveTextAsync(turnedOff);
        await Expect(page.GetByText("Your daily digest stops with them")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Undo: turn them back on" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = "These emails are back on" })).ToBeVisibleAsync();
        await Expect(page.Locator(".notification-kinds li")).ToHaveTextAsync(turnedOff);
        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Settings → Notifications" }).ClickAsync();
        await page.WaitForInteractiveAsync();
        await Expect(Switch(page, NotificationKind.Answers)).ToBeCheckedAsync();
        await Expect(Switch(page, NotificationKind.FollowUpDue)).ToBeCheckedAsync();
        await Expect(Switch(page, NotificationKind.NoAnswer)).Not.ToBeCheckedAsync();
        await Expect(digest).ToBeCheckedAsync();
        await page.Context.CloseAsync();
    }

    private static ILocator Switch(IPage page, NotificationKind kind) =>
        page.GetByRole(AriaRole.Switch, new PageGetByRoleOptions { Name = NotificationKinds.Describe(kind), Exact = true });

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
