using static Microsoft.Playwright.Assertions;

namespace HelpAsk.EndToEnd.Tests;

/// <summary>What the coach's cards say, as a screen reader hears it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class FindingCardTests(BrowserFixture browser)
{
    [Fact]
    public async Task Two_findings_of_one_rule_say_which_words_each_is_about_and_a_fix_button_is_named_once()
    {
        var page = await browser.NewSignedInPageAsync("cards");
        await page.StartNewRequestAsync();
        await page.GetByLabel("What's going on").FillAsync("Sorry to bother you. The boiler broke, sorry again. You have to help me on Saturday.");

        var apologies = page.Locator(".finding-card[data-rule='over-apologizing']");
        await Expect(apologies).ToHaveCountAsync(2);
        var first = await apologies.Nth(0).Locator(".finding-quote").InnerTextAsync();
        var second = await apologies.Nth(1).Locator(".finding-quote").InnerTextAsync();
        Assert.NotEqual(first, second);
        Assert.Contains("Sorry to bother you.", first, StringComparison.Ordinal);
        Assert.Contains("The boiler broke, sorry again.", second, StringComparison.Ordinal);

        // The fix's label already quotes the words it puts in: said once, not twice.
        var askInstead = page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Ask instead: \"would you be able to\"", Exact = true });
        await Expect(askInstead).ToBeVisibleAsync();
        await askInstead.ClickAsync();
        await Expect(page.GetByLabel("What's going on")).ToHaveValueAsync("Sorry to bother you. The boiler broke, sorry again. Would you be able to help me on Saturday.");
    }
}
