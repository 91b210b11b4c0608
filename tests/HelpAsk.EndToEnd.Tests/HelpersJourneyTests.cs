using static Microsoft.Playwright.Assertions;

namespace HelpAsk.EndToEnd.Tests;

[Collection(BrowserCollection.Name)]
public sealed class HelpersJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task Add_search_edit_open_and_remove_a_helper()
    {
        var page = await browser.NewSignedInPageAsync("helpers");
        await page.GotoInteractiveAsync("helpers");
        await Expect(page.GetByText("No helpers yet.")).ToBeVisibleAsync();

        foreach (var (name, relationship) in new[] { ("Sam Jones", "neighbour"), ("Priya Shah", "colleague") })
        {
            await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Add someone" }).ClickAsync();
            await page.GetByLabel("Name").FillAsync(name);
            await page.GetByLabel("How you know them (optional)").FillAsync(relationship);
            await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Save" }).ClickAsync();
            await Expect(page.Locator(".helpers-table").GetByText(name)).ToBeVisibleAsync();
        }

        await page.GetByLabel("Search").FillAsync("colleague");
        await Expect(page.Locator(".helpers-table tbody tr")).ToHaveCountAsync(1);
        await page.GetByLabel("Search").FillAsync("");
        await Expect(page.Locator(".helpers-table tbody tr")).ToHaveCountAsync(2);

        // A bad email gets a clear message, and nothing typed is lost.
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Edit Sam Jones" }).ClickAsync();
        await page.GetByLabel("Email (optional)").FillAsync("sam.example.org");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Save" }).ClickAsync();
        await Expect(page.GetByText("Mail can't be sent to that email address")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Email (optional)")).ToHaveValueAsync("sam.example.org");
        await page.GetByLabel("Email (optional)").FillAsync("sam@example.org");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Save" }).ClickAsync();
        await Expect(page.Locator(".helpers-table").GetByText("sam@example.org")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Sam Jones" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = "Sam Jones", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByText("You haven't asked Sam Jones for anything yet.")).ToBeVisibleAsync();

        await page.GotoInteractiveAsync("helpers");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Remove Priya Shah" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Remove", Exact = true }).ClickAsync();
        await Expect(page.Locator(".helpers-table tbody tr")).ToHaveCountAsync(1);
    }
}
