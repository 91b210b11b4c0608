using static Microsoft.Playwright.Assertions;

namespace HelpAsk.EndToEnd.Tests;

[Collection(BrowserCollection.Name)]
public sealed class ShellTests(BrowserFixture browser)
{
    [Fact]
    public async Task Dark_mode_is_remembered_after_a_reload()
    {
        var page = await browser.NewPageAsync();
        await page.GotoInteractiveAsync("");

        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Switch to dark mode" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Switch to light mode" })).ToBeVisibleAsync();

        await page.ReloadAsync();
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Switch to light mode" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task On_a_phone_the_page_fits_the_screen_and_the_menu_opens_on_demand()
    {
        var page = await browser.NewPageAsync(width: 375, height: 740);
        await page.GotoInteractiveAsync("");

        var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow);
        var logIn = page.Locator(".mud-drawer").GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = "Log in" });
        await Expect(logIn).Not.ToBeInViewportAsync();

        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Open or close the menu" }).ClickAsync();
        await Expect(logIn).ToBeInViewportAsync();
    }
}
