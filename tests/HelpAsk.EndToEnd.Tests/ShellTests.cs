using static Microsoft.Playwright.Assertions;

namespace HelpAsk.EndToEnd.Tests;

[Collection(BrowserCollection.Name)]
public sealed class ShellTests(BrowserFixture browser)
{
    [Fact]
    public async Task App_pages_have_a_main_landmark_and_the_outbox_says_what_to_do_in_the_app()
    {
        var page = await browser.NewSignedInPageAsync("landmarks");
        await page.GotoInteractiveAsync("outbox");

        await Expect(page.GetByRole(AriaRole.Main)).ToHaveCountAsync(1);
        await Expect(page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Heading).First).ToBeVisibleAsync();
        await Expect(page.Locator("#pickup-notice")).ToContainTextAsync("send the message yourself");
        await Expect(page.Locator("#pickup-notice")).Not.ToContainTextAsync("README");
    }

    [Fact]
    public async Task Dark_mode_is_remembered_after_a_reload()
    {
        var page = await browser.NewPageAsync();
        await page.GotoInteractiveAsync("");

        await Expect(page.Locator("body")).ToHaveCSSAsync("background-color", LightBackground);
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Switch to dark mode" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Switch to light mode" })).ToBeVisibleAsync();
        await Expect(page.Locator("body")).ToHaveCSSAsync("background-color", DarkBackground);

        await page.ReloadAsync();
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Switch to light mode" })).ToBeVisibleAsync();
        await Expect(page.Locator("body")).ToHaveCSSAsync("background-color", DarkBackground);

        // A page rendered without a circuit, reached by Blazor's enhanced navigation, keeps the choice too.
        await page.Locator(".mud-drawer").GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = "Log in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login"));
        await Expect(page.Locator("body")).ToHaveCSSAsync("background-color", DarkBackground);
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Switch to light mode" }).ClickAsync();
        await Expect(page.Locator("body")).ToHaveCSSAsync("background-color", LightBackground);
    }

    // HelpAskTheme's backgrounds: #f7f6f2 light, #121816 dark.
    private const string LightBackground = "rgb(247, 246, 242)";
    private const string DarkBackground = "rgb(18, 24, 22)";

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

    [Fact]
    public async Task On_a_phone_following_a_menu_link_closes_the_menu()
    {
        var page = await browser.NewSignedInPageAsync("phone-menu");
        await page.SetViewportSizeAsync(375, 740);
        await page.GotoInteractiveAsync("outbox");

        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Open or close the menu" }).ClickAsync();
        var helpers = page.Locator(".mud-drawer").GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = "Helpers" });
        await Expect(helpers).ToBeInViewportAsync();
        await helpers.ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/helpers$"));
        await Expect(helpers).Not.ToBeInViewportAsync();
    }

    [Fact]
    public async Task On_a_desktop_the_menu_button_closes_the_menu_out_of_the_tab_order_and_the_page_takes_its_room()
    {
        var page = await browser.NewPageAsync(width: 1280, height: 800);
        await page.GotoInteractiveAsync("");
        var logIn = page.Locator(".mud-drawer").GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = "Log in" });
        var content = page.Locator(".mud-main-content");
        var menuButton = page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Open or close the menu" });
        await Expect(logIn).ToBeInViewportAsync();
        await Expect(content).Not.ToHaveCSSAsync("margin-left", "0px");

        await menuButton.ClickAsync();
        await Expect(logIn).ToBeHiddenAsync();
        await Expect(content).ToHaveCSSAsync("margin-left", "0px");

        await menuButton.ClickAsync();
        await Expect(logIn).ToBeInViewportAsync();
    }

    [Fact]
    public async Task On_a_phone_the_closed_menu_is_out_of_the_tab_order_and_a_tap_beside_the_open_menu_closes_it()
    {
        var page = await browser.NewPageAsync(width: 375, height: 740);
        await page.GotoInteractiveAsync("");
        var logIn = page.Locator(".mud-drawer").GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = "Log in" });
        await Expect(logIn).ToBeHiddenAsync();

        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Open or close the menu" }).ClickAsync();
        await Expect(logIn).ToBeInViewportAsync();
        await page.Mouse.ClickAsync(350, 400);
        await Expect(logIn).ToBeHiddenAsync();
    }
}
