using System.Globalization;
using static Microsoft.Playwright.Assertions;

namespace HelpAsk.EndToEnd.Tests;

[Collection(BrowserCollection.Name)]
public sealed class TimeZoneTests(BrowserFixture browser)
{
    [Theory]
    [InlineData("Pacific/Auckland", "11 Mar 2026, 11:30")]
    [InlineData("America/New_York", "10 Mar 2026, 18:30")]
    public async Task Times_are_shown_in_the_readers_own_time_zone(string zone, string shown)
    {
        var email = $"zone-{Guid.NewGuid():N}@example.org";
        var accountId = await browser.App.CreateAccountAsync(email, BrowserFixture.Password);
        var requestId = await browser.App.CreateReadyRequestAsync(accountId);
        var changedAt = new DateTime(2026, 3, 10, 22, 30, 0, DateTimeKind.Utc);
        await browser.App.ChangeRequestAsync(requestId, set => set.SetProperty(r => r.UpdatedAt, changedAt));
        var page = await browser.NewPageAsync(timezoneId: zone);

        await page.LogInAsync(email, BrowserFixture.Password);
        await page.WaitForInteractiveAsync();
        await page.GotoInteractiveAsync("requests");

        var row = page.GetByRole(AriaRole.Row).Filter(new LocatorFilterOptions { HasText = "Moving the piano" });
        await Expect(row).ToContainTextAsync(shown);
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("de-DE")]
    [InlineData("en-US")]
    public async Task Dates_follow_the_browsers_language_in_the_live_page(string locale)
    {
        var email = $"culture-{Guid.NewGuid():N}@example.org";
        var accountId = await browser.App.CreateAccountAsync(email, BrowserFixture.Password);
        var requestId = await browser.App.CreateReadyRequestAsync(accountId);
        await browser.App.ChangeRequestAsync(requestId, set => set.SetProperty(r => r.UpdatedAt, new DateTime(2026, 3, 10, 22, 30, 0, DateTimeKind.Utc)));
        var page = await browser.NewPageAsync(timezoneId: "Europe/Berlin", locale: locale);

        await page.LogInAsync(email, BrowserFixture.Password);
        await page.WaitForInteractiveAsync();
        await page.GotoInteractiveAsync("requests");

        // Rendered by the circuit, which keeps the culture of the request that started it (the browser's Accept-Language).
        var shown = new DateTime(2026, 3, 10, 23, 30, 0).ToString("d MMM yyyy, HH:mm", CultureInfo.GetCultureInfo(locale));
        await Expect(page.GetByRole(AriaRole.Row).Filter(new LocatorFilterOptions { HasText = "Moving the piano" })).ToContainTextAsync(shown);
        await page.Context.CloseAsync();
    }
}
