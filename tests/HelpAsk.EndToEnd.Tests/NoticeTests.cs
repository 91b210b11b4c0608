using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace HelpAsk.EndToEnd.Tests;

/// <summary>Notices (snackbars) go by themselves, never pile up, never sit over a page's main actions, and offer only what still applies.</summary>
[Collection(BrowserCollection.Name)]
public sealed class NoticeTests(BrowserFixture browser)
{
    [Fact]
    public async Task Notices_close_by_themselves_and_at_most_two_show_at_once()
    {
        var page = await browser.NewSignedInPageAsync("notices");
        await page.GotoInteractiveAsync("helpers");
        var notices = page.Locator(".mud-snackbar");

        foreach (var name in new[] { "Sam Jones", "Priya Shah", "Kim Lee", "Maya Lindqvist" })
        {
            await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Add someone" }).ClickAsync();
            await page.GetByLabel("Name").FillAsync(name);
            await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Save" }).ClickAsync();
            await Expect(page.Locator(".helpers-table").GetByText(name)).ToBeVisibleAsync();
            Assert.True(await notices.CountAsync() <= 2, $"{await notices.CountAsync()} notices at once after adding {name}");
            Assert.True(await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Add someone" }).IsClickableAsync(),
                "A notice sits over \"Add someone\"");
        }

        // Every one of them goes by itself, the one with an action ("Ignored here… Settings") too.
        await page.Mouse.MoveAsync(5, 880);
        await Expect(notices).ToHaveCountAsync(0, new LocatorAssertionsToHaveCountOptions { Timeout = 30_000 });

        await page.StartNewRequestAsync();
        await page.GetByLabel("What's going on").FillAsync("sorry, so sorry - the boiler broke.");
        await page.Locator(".finding-card").First.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Ignore here" }).ClickAsync();
        await Expect(notices.Filter(new LocatorFilterOptions { HasText = "Ignored here" })).ToBeVisibleAsync();
        Assert.True(await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Next", Exact = true }).IsClickableAsync(),
            "A notice sits over \"Next\"");
        await page.Mouse.MoveAsync(5, 880);
        await Expect(notices).ToHaveCountAsync(0, new LocatorAssertionsToHaveCountOptions { Timeout = 30_000 });
    }

    [Theory]
    [InlineData(1280, 900)]
    [InlineData(390, 844)]
    public async Task A_notice_never_covers_Finish_or_Send_and_its_undo_goes_once_the_draft_is_finished(int width, int height)
    {
        var (_, accountId, email) = await browser.NewSignedInAsync("notices");
        var requestId = await browser.App.CreateReadyRequestAsync(accountId);
        var page = await browser.NewPageAsync(width, height);
        await page.LogInAsync(email, BrowserFixture.Password);
        await page.WaitForInteractiveAsync();

        await page.GotoInteractiveAsync($"requests/{requestId}/compose");
        await Expect(page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = "Review the whole message" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Rebuild from the steps" }).ClickAsync();
        var undo = page.Locator(".mud-snackbar").Filter(new LocatorFilterOptions { HasText = "Undo" });
        await Expect(undo).ToBeVisibleAsync();
        var finish = page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Finish" });
        Assert.True(await finish.IsClickableAsync(), "A notice sits over \"Finish\"");

        await finish.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/requests/{requestId}$"));
        await Expect(page.Locator("#send-request")).ToBeVisibleAsync();
        // The draft is finished: an undo of the composer's rebuild no longer applies, so it is gone.
        await Expect(undo).ToHaveCountAsync(0);
        Assert.True(await page.Locator("#send-request").IsClickableAsync(), "A notice sits over \"Send…\"");
    }
}
