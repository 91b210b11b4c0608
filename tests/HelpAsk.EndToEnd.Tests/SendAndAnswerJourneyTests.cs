using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace HelpAsk.EndToEnd.Tests;

[Collection(BrowserCollection.Name)]
public sealed partial class SendAndAnswerJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task Send_a_request_the_helper_offers_something_else_and_the_requester_sees_it_on_the_timeline()
    {
        var (page, accountId, email) = await browser.NewSignedInAsync("sender");
        var requestId = await browser.App.CreateReadyRequestAsync(accountId, "Sam Jones", $"sam-{Guid.NewGuid():N}@example.org");

        await page.GotoInteractiveAsync($"requests/{requestId}");
        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Send…" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = "Send your request to Sam Jones" })).ToBeVisibleAsync();
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByLabel("Subject")).ToHaveValueAsync("Could you help carry it down on Saturday morning?");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Send email" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex($"/requests/{requestId}$"));
        await Expect(page.Locator(".status-chip").First).ToHaveTextAsync("Sent");

        // No mail server here: the email lands in the outbox, where its answer link can be opened.
        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "See the email" }).ClickAsync();
        var answerLink = page.Locator("#email-text a");
        await Expect(answerLink).ToHaveAttributeAsync("href", AnswerAddress());
        var href = await answerLink.GetAttributeAsync("href");

        var helper = await browser.NewPageAsync();
        await helper.GotoAsync(href!);
        await Expect(helper.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = $"{email} asked for your help" })).ToBeVisibleAsync();
        await helper.GetByLabel("I can't do that, but I could…").CheckAsync();
        await helper.GetByLabel("What you could do instead").FillAsync("I could lend you my trolley on Friday evening");
        await helper.GetByLabel($"A note for {email} (optional)").FillAsync("Good luck with the move!");
        await helper.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Send my answer" }).ClickAsync();
        await Expect(helper.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = "Thank you, Sam" })).ToBeVisibleAsync();
        await helper.Context.CloseAsync();

        await page.GotoInteractiveAsync($"requests/{requestId}");
        var timeline = page.Locator("#timeline");
        await Expect(timeline).ToContainTextAsync("Sam Jones answered: I can't do that, but I could…");
        await Expect(timeline).ToContainTextAsync("“I could lend you my trolley on Friday evening”");
        await Expect(timeline).ToContainTextAsync("Note: “Good luck with the move!”");
        await Expect(page.Locator(".status-chip").First).ToHaveTextAsync("Offered something else");

        // Heard back that it worked out: recorded by hand, and on the timeline too.
        await page.GetByLabel("What happened").ClickAsync();
        await page.GetByRole(AriaRole.Option, new PageGetByRoleOptions { Name = "They helped" }).ClickAsync();
        await page.GetByLabel("Note (optional)").FillAsync("Trolley made it easy");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Record" }).ClickAsync();
        await Expect(timeline).ToContainTextAsync("Offered something else → Helped: Trolley made it easy");
    }

    [Fact]
    public async Task A_request_sent_by_chat_is_marked_as_sent_and_its_answer_recorded_by_hand()
    {
        var (page, accountId, _) = await browser.NewSignedInAsync("chat");
        var requestId = await browser.App.CreateReadyRequestAsync(accountId, "Kim Lee", helperEmail: null);

        await page.GotoInteractiveAsync($"requests/{requestId}/send");
        await Expect(page.GetByText("Kim Lee has no email address in your helpers.")).ToBeVisibleAsync();
        await page.GetByLabel("How did you send it? (optional)").FillAsync("on Signal");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Mark as sent" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex($"/requests/{requestId}$"));
        await Expect(page.Locator("#timeline")).ToContainTextAsync("Draft → Sent: Sent by you: on Signal");
        await page.GetByLabel("What happened").ClickAsync();
        await page.GetByRole(AriaRole.Option, new PageGetByRoleOptions { Name = "They said yes" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Record" }).ClickAsync();
        await Expect(page.Locator(".status-chip").First).ToHaveTextAsync("Yes, they can help");
    }

    [Fact]
    public async Task A_revoked_answer_link_shows_the_helper_only_that_it_is_no_longer_valid()
    {
        var (page, accountId, email) = await browser.NewSignedInAsync("revoke");
        var requestId = await browser.App.CreateReadyRequestAsync(accountId, "Sam Jones", $"sam-{Guid.NewGuid():N}@example.org");
        var href = await page.SendByEmailAsync(requestId);

        await page.GotoInteractiveAsync($"requests/{requestId}");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Revoke the link" }).ClickAsync();
        await Expect(page.Locator("#answer-link-state")).ToContainTextAsync("The answer link stopped working on");
        await Expect(page.Locator("#timeline")).ToContainTextAsync("Answer link revoked");

        var helper = await browser.NewPageAsync();
        await helper.GotoAsync(href);
        await Expect(helper.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = "This link is no longer valid" })).ToBeVisibleAsync();
        await Expect(helper.Locator("body")).Not.ToContainTextAsync(email);
        await Expect(helper.Locator("body")).Not.ToContainTextAsync("piano");
    }

    [GeneratedRegex(@"/answer/[A-Za-z0-9_-]{43}$")]
    private static partial Regex AnswerAddress();
}
