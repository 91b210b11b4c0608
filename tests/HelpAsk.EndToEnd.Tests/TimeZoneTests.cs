using System.Globalization;
using HelpAsk.Web.Features.Account;
using Microsoft.Extensions.DependencyInjection;
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

    [Fact]
    public async Task Using_the_app_stores_the_browsers_zone_and_culture_for_the_accounts_emails()
    {
        var (page, accountId, _) = await SignedInAsync("Pacific/Auckland", "de-DE");

        var locale = browser.App.Services.GetRequiredService<AccountLocale>();
        for (var attempt = 0; attempt < 100 && (await locale.GetAsync(accountId)).Culture.Name != "de-DE"; attempt++)
        {
            await Task.Delay(100);
        }

        var stored = await locale.GetAsync(accountId);
        Assert.Equal(("Pacific/Auckland", "de-DE"), (stored.Zone.Id, stored.Culture.Name));
        await page.Context.CloseAsync();
    }

    private async Task<(IPage Page, string AccountId, string Email)> SignedInAsync(string zone, string locale)
    {
        var email = $"locale-{Guid.NewGuid():N}@example.org";
        var accountId = await browser.App.CreateAccountAsync(email, BrowserFixture.Password);
        var page = await browser.NewPageAsync(timezoneId: zone, locale: locale);
        await page.LogInAsync(email, BrowserFixture.Password);
        await page.WaitForInteractiveAsync();
        return (page, accountId, email);
    }
}
