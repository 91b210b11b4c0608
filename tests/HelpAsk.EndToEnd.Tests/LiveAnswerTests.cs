using static Microsoft.Playwright.Assertions;

namespace HelpAsk.EndToEnd.Tests;

[Collection(BrowserCollection.Name)]
public sealed class LiveAnswerTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_request_page_and_the_dashboard_show_a_helpers_answer_as_it_comes_without_a_reload()
    {
        var (page, accountId, email) = await browser.NewSignedInAsync("live");
        var requestId = await browser.App.CreateReadyRequestAsync(accountId, "Sam Jones", $"sam-{Guid.NewGuid():N}@example.org");
        var href = await page.SendByEmailAsync(requestId);

        // The asker watches the request in one tab and the dashboard in another.
        await page.GotoInteractiveAsync($"requests/{requestId}");
        await Expect(page.Locator(".status-chip").First).ToHaveTextAsync("Sent");
        var dashboard = await page.Context.NewPageAsync();
        await dashboard.GotoInteractiveAsync("");
        var recentAnswers = dashboard.Locator("#recent-answers");
        await Expect(dashboard.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = "Dashboard", Exact = true })).ToBeVisibleAsync();

        var helper = await browser.NewPageAsync();
        await helper.GotoAsync(href);
        await helper.GetByLabel("Yes, I can help").CheckAsync();
        await helper.GetByLabel($"A note for {email} (optional)").FillAsync("Count me in for Saturday.");
        await helper.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Send my answer" }).ClickAsync();
        await Expect(helper.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = "Thank you, Sam" })).ToBeVisibleAsync();

        // No reload: both pages show the answer within a few seconds.
        var fewSeconds = new LocatorAssertionsToContainTextOptions { Timeout = 8_000 };
        await Expect(page.Locator(".status-chip").First).ToHaveTextAsync("Yes, they can help", new LocatorAssertionsToHaveTextOptions { Timeout = 8_000 });
        await Expect(page.Locator("#timeline")).ToContainTextAsync("Note: “Count me in for Saturday.”", fewSeconds);
        await Expect(page.Locator("#say-thanks")).ToBeVisibleAsync();
        await Expect(recentAnswers).ToContainTextAsync("Sam Jones", fewSeconds);
        await Expect(recentAnswers).ToContainTextAsync("Count me in for Saturday.", fewSeconds);

        // A changed answer comes through the same way.
        await helper.GotoAsync(href);
        await helper.GetByLabel("Not this time").CheckAsync();
        await helper.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Send my answer" }).ClickAsync();
        await Expect(page.Locator(".status-chip").First).ToHaveTextAsync("Not this time", new LocatorAssertionsToHaveTextOptions { Timeout = 8_000 });
        await Expect(page.Locator("#ask-someone-else")).ToBeVisibleAsync();
    }
}
