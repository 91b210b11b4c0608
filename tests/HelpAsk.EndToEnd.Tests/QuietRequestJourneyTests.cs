using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace HelpAsk.EndToEnd.Tests;

[Collection(BrowserCollection.Name)]
public sealed class QuietRequestJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_request_unanswered_for_four_days_gets_a_gentle_nudge_on_the_dashboard_and_its_page_and_one_sent_three_days_ago_does_not()
    {
        var (page, accountId, _) = await browser.NewSignedInAsync("quiet");
        var quiet = await SendByChatAsync(page, await browser.App.CreateReadyRequestAsync(accountId, "Sam Jones", helperEmail: null));
        var recent = await SendByChatAsync(page, await browser.App.CreateReadyRequestAsync(accountId, "Kim Lee", helperEmail: null));
        await SentDaysAgoAsync(quiet, 5);
        await SentDaysAgoAsync(recent, 3);

        await page.GotoInteractiveAsync("");
        var nudges = page.Locator("#quiet-requests");
        await Expect(nudges.GetByRole(AriaRole.Heading, new LocatorGetByRoleOptions { Name = "No answer yet" })).ToBeVisibleAsync();
        await Expect(nudges.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(1);
        await Expect(nudges).ToContainTextAsync("to Sam Jones");
        await Expect(nudges).Not.ToContainTextAsync("Kim Lee");

        await nudges.GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = "Moving the piano" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/requests/{quiet}$"));
        await Expect(page.Locator("#quiet-suggestion")).ToContainTextAsync("No answer yet after 5 days");

        await page.GotoInteractiveAsync($"requests/{recent}");
        await Expect(page.Locator(".status-chip").First).ToHaveTextAsync("Sent");
        await Expect(page.Locator("#quiet-suggestion")).ToHaveCountAsync(0);

        // Once they answer, the nudge goes: only requests still waiting are followed up.
        await page.GotoInteractiveAsync($"requests/{quiet}");
        await page.GetByLabel("What happened").ClickAsync();
        await page.GetByRole(AriaRole.Option, new PageGetByRoleOptions { Name = "They said yes" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Record" }).ClickAsync();
        await Expect(page.Locator("#quiet-suggestion")).ToHaveCountAsync(0);
        await page.GotoInteractiveAsync("");
        await Expect(page.Locator("#quiet-requests")).ToHaveCountAsync(0);
    }

    private static async Task<Guid> SendByChatAsync(IPage page, Guid requestId)
    {
        await page.GotoInteractiveAsync($"requests/{requestId}/send");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Mark as sent" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/requests/{requestId}$"));
        return requestId;
    }

    /// <summary>Moves a request's sending back in time, as if days had passed since.</summary>
    private Task SentDaysAgoAsync(Guid requestId, int days)
    {
        var sentAt = DateTime.UtcNow.AddDays(-days).AddMinutes(-1);
        return browser.App.ChangeRequestAsync(requestId, set => set.SetProperty(r => r.SentAt, sentAt));
    }
}
