using HelpAsk.Testing;
using HelpAsk.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace HelpAsk.EndToEnd.Tests;

[Collection(BrowserCollection.Name)]
public sealed class DraftManagementTests(BrowserFixture browser)
{
    private static async Task<string> NewDraftAsync(IPage page, string situation)
    {
        await page.StartNewRequestAsync();
        await page.FillAndWaitForSaveAsync(page.GetByLabel("What's going on"), situation);
        return new Uri(page.Url).AbsolutePath.TrimStart('/');
    }

    /// <summary>
    /// A reopened draft opens at the step it was left on or, never moved between steps, at the first
    /// still to do; these drafts hold a situation only, so it is one of the first two: go to the situation.
    /// </summary>
    private static async Task OpenSituationStepAsync(IPage page)
    {
        var situation = page.GetByLabel("What's going on");
        var signal = page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = "Say clearly that you need help" });
        await Expect(situation.Or(signal)).ToBeVisibleAsync();
        if (await signal.IsVisibleAsync())
        {
            await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Back" }).ClickAsync();
        }

        await Expect(situation).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Two_tabs_on_one_draft_get_a_clear_choice_and_lose_nothing()
    {
        var first = await browser.NewSignedInPageAsync("drafts");
        var address = await NewDraftAsync(first, "Written first.");
        var second = await first.Context.NewPageAsync();
        await second.GotoInteractiveAsync(address);
        await OpenSituationStepAsync(second);
        await Expect(second.GetByLabel("What's going on")).ToHaveValueAsync("Written first.");

        await first.FillAndWaitForSaveAsync(first.GetByLabel("What's going on"), "Changed in the first tab.");
        await second.GetByLabel("What's going on").FillAsync("Changed in the second tab.");

        await Expect(second.Locator("#conflict")).ToContainTextAsync("changed in another tab");
        await Expect(second.GetByLabel("What's going on")).ToHaveValueAsync("Changed in the second tab.");
        await second.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Keep my version" }).ClickAsync();
        await Expect(second.Locator(".save-indicator[data-state='saved']")).ToBeVisibleAsync();

        await first.ReloadAsync();
        await first.WaitForInteractiveAsync();
        await OpenSituationStepAsync(first);
        await Expect(first.GetByLabel("What's going on")).ToHaveValueAsync("Changed in the second tab.");
    }

    [Fact]
    public async Task Deleting_a_draft_asks_first_and_can_be_undone()
    {
        var page = await browser.NewSignedInPageAsync("drafts");
        await NewDraftAsync(page, "A draft to delete.");
        await page.GotoInteractiveAsync("requests");
        var rows = page.Locator(".requests-table tbody tr");
        await Expect(rows).ToHaveCountAsync(1);

        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Delete draft" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Keep it" }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(1);

        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Delete draft" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Delete", Exact = true }).ClickAsync();
        await Expect(page.GetByText("No requests yet")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Undo" }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task Turning_a_rule_off_while_writing_shows_in_settings_and_can_be_undone()
    {
        var page = await browser.NewSignedInPageAsync("drafts");
        await NewDraftAsync(page, "It won't take long.");
        var card = page.Locator(".finding-card[data-rule='downplaying']");
        await Expect(card).ToBeVisibleAsync();

        await card.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Don't flag this again" }).ClickAsync();
        await card.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Stop checking for this" }).ClickAsync();
        await Expect(card).ToHaveCountAsync(0);

        await page.GotoInteractiveAsync("settings/coaching");
        var rule = page.GetByRole(AriaRole.Switch, new PageGetByRoleOptions { Name = "This makes the job sound smaller than it is." });
        await Expect(rule).Not.ToBeCheckedAsync();
        await rule.CheckAsync();
        await Expect(page.GetByText("The coach checks for this again.")).ToBeVisibleAsync();

        await page.GoBackAsync();
        await page.WaitForInteractiveAsync();
        await OpenSituationStepAsync(page);
        await Expect(page.Locator(".finding-card[data-rule='downplaying']")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_list_filters_by_words()
    {
        var page = await browser.NewSignedInPageAsync("drafts");
        await NewDraftAsync(page, "The boiler is broken.");
        await NewDraftAsync(page, "The cat needs feeding.");
        await page.GotoInteractiveAsync("requests");
        var rows = page.Locator(".requests-table tbody tr");
        await Expect(rows).ToHaveCountAsync(2);

        await page.GetByLabel("Search").FillAsync("cat");

        await Expect(rows).ToHaveCountAsync(1);
        await page.GetByLabel("Search").FillAsync("nothing like this");
        await Expect(page.GetByText("No request matches.")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_reopened_draft_opens_at_the_step_it_was_left_on()
    {
        var page = await browser.NewSignedInPageAsync("drafts");
        var address = await NewDraftAsync(page, "The boiler is broken.");
        var next = page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Next" });
        await next.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = "Say clearly that you need help" })).ToBeVisibleAsync();
        await next.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = "Ask one specific person" })).ToBeVisibleAsync();
        await WaitUntilRememberedAsync(address, step: 2);

        await page.GotoInteractiveAsync("requests");
        await page.GotoInteractiveAsync(address);
        await Expect(page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = "Ask one specific person" })).ToBeVisibleAsync();
    }

    // The step is stored just after the new step shows; leaving within those milliseconds would not test it.
    private async Task WaitUntilRememberedAsync(string address, int step)
    {
        var id = Guid.Parse(address.Split('/')[1]);
        await Eventually.HoldsAsync(
            async () =>
            {
                await using var scope = browser.App.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<HelpAskDbContext>();
                return await db.HelpRequests.IgnoreQueryFilters().Where(r => r.Id == id).Select(r => r.ComposerStep).SingleAsync() == step;
            },
            $"the draft's step stored as {step}",
            seconds: 5);
    }
}
