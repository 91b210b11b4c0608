using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace HelpAsk.EndToEnd.Tests;

[Collection(BrowserCollection.Name)]
public sealed class ComposerJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task Compose_a_request_through_the_five_steps_with_live_coaching_and_find_it_in_the_list()
    {
        var page = await browser.NewSignedInPageAsync("composer");
        await page.StartNewRequestAsync();

        // 1. Situation
        await page.GetByLabel("What's going on").FillAsync("We're moving Dad into his new flat on Saturday.");
        await page.NextStepAsync();

        // 2. Signal: two apologies are flagged as they are typed, and one click fixes it.
        var signal = page.GetByLabel("Your request, said plainly");
        await signal.FillAsync("sorry, so sorry");
        var apology = page.Locator(".finding-card[data-rule='over-apologizing']");
        await Expect(apology.First).ToBeVisibleAsync();
        await Expect(page.Locator(".coached-backdrop mark.finding-pitfall").First).ToHaveTextAsync("sorry");
        await apology.First.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Remove this apology (one is plenty)" }).ClickAsync();
        await Expect(apology).ToHaveCountAsync(0);

        // Nothing left to change on this step, but the draft is not ready: it says what is still to do.
        await Expect(page.Locator(".readiness")).ToContainTextAsync("Not ready to send yet: Choose the one person you are asking.");
        await signal.FillAsync("I'd really value your help with the move.");
        await page.NextStepAsync();

        // 3. Helper, added inline; 4. specifics; 5. openness.
        await page.FillHelperSpecificsAndOpennessAsync("Sam Jones", "sam@example.org");

        // Review: the message is composed from the steps and greets the helper by name.
        var message = page.GetByLabel("The message", new PageGetByLabelOptions { Exact = true });
        await Expect(message).ToHaveValueAsync(new Regex("^Hi Sam,"));
        await Expect(message).ToHaveValueAsync(new Regex("carry the boxes"));
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Finish" }).ClickAsync();

        await Expect(page.GetByText("This request is complete and ready to send.")).ToBeVisibleAsync();
        await Expect(page.Locator(".message-text")).ToContainTextAsync("Hi Sam,");

        // The subject Sam receives comes from the ask itself; the private title ("Request to Sam Jones") stays private.
        await page.Locator("#send-request").ClickAsync();
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByLabel("Subject")).ToHaveValueAsync("Would you help me carry the boxes up to the second floor on Saturday morning?");

        await page.GotoInteractiveAsync("requests");
        var row = page.Locator(".requests-table tr", new PageLocatorOptions { HasText = "Request to Sam Jones" });
        await Expect(row).ToBeVisibleAsync();
        await Expect(row).ToContainTextAsync("Draft");
    }

    /// <summary>
    /// An effort estimate over the limit: the save is refused and says so, the store's message is shown at the field
    /// (announced, and described to the field), and the text stays there to shorten; shortened, it is saved.
    /// </summary>
    [Fact]
    public async Task An_effort_estimate_over_the_limit_is_not_saved_says_why_at_the_field_and_keeps_the_text()
    {
        var page = await browser.NewSignedInPageAsync("composer");
        await page.StartNewRequestAsync();
        for (var step = 0; step < 3; step++)
        {
            await page.NextStepAsync();
        }

        var effort = page.GetByLabel("Honest effort estimate");
        await Expect(effort).ToHaveAccessibleDescriptionAsync("How long it will really take them.");
        var tooLong = new string('x', HelpAsk.Core.Domain.HelpRequest.PartMaxLength) + " hours";
        await effort.FillAsync(tooLong);

        await Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Keep the effort estimate under 4,000 characters." })).ToBeVisibleAsync();
        await Expect(effort).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(effort).ToHaveAccessibleDescriptionAsync("Keep the effort estimate under 4,000 characters.");
        await Expect(page.Locator(".save-indicator")).ToHaveAttributeAsync("data-state", "invalid");
        await Expect(page.Locator(".save-indicator")).ToContainTextAsync("Not saved yet");
        await Expect(effort).ToHaveValueAsync(tooLong);

        await page.FillAndWaitForSaveAsync(effort, "about two hours");
        await Expect(effort).ToHaveAttributeAsync("aria-invalid", "false");
        await Expect(page.GetByText("Keep the effort estimate under 4,000 characters.")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_draft_survives_a_reload_with_every_word()
    {
        var page = await browser.NewSignedInPageAsync("composer");
        await page.StartNewRequestAsync();
        const string situation = "The boiler broke on Friday and the engineer can't come until Wednesday.";
        await page.GetByLabel("What's going on").FillAsync(situation);
        await page.NextStepAsync();
        await page.FillAndWaitForSaveAsync(page.GetByLabel("Your request, said plainly"), "Could you help? Sorry, sorry!");

        await page.ReloadAsync();
        await page.WaitForInteractiveAsync();

        // It reopens at the step it was left on, with every word kept.
        await Expect(page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = "Say clearly that you need help" })).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Your request, said plainly")).ToHaveValueAsync("Could you help? Sorry, sorry!");
        await Expect(page.Locator(".finding-card[data-rule='over-apologizing']")).ToHaveCountAsync(2);
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Back" }).ClickAsync();
        await Expect(page.GetByLabel("What's going on")).ToHaveValueAsync(situation);
    }

    [Fact]
    public async Task Text_that_looks_like_markup_is_shown_as_text_never_run()
    {
        var page = await browser.NewSignedInPageAsync("composer");
        var dialogs = 0;
        page.Dialog += async (_, dialog) =>
        {
            dialogs++;
            await dialog.DismissAsync();
        };
        await page.StartNewRequestAsync();

        const string payload = "<script>alert('x')</script><img src=x onerror=alert(1)> sorry, so sorry";
        await page.GetByLabel("What's going on").FillAsync(payload);
        await Expect(page.Locator(".coached-backdrop mark.finding-pitfall").First).ToBeVisibleAsync();

        Assert.Equal(0, await page.Locator(".coached-backdrop img, .coached-backdrop script").CountAsync());
        Assert.Contains("<img src=x onerror=alert(1)>", await page.Locator(".coached-backdrop").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, dialogs);
    }
}
