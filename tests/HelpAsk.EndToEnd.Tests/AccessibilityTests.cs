using Microsoft.Extensions.DependencyInjection;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelpAsk.EndToEnd.Tests;

/// <summary>An axe scan of each composer step and the review: no serious or critical violation.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture browser)
{
    private static readonly string[] Steps = PageExtensions.ComposerStepHeadings;

    private static async Task AssertNoSeriousViolationsAsync(IPage page, string where)
    {
        // A snackbar fading in is measured at part opacity: wait until every one is fully shown.
        await page.WaitForFunctionAsync(
            "() => [...document.querySelectorAll('.mud-snackbar')].every(s => getComputedStyle(s).opacity === '1')");
        var results = await page.RunAxe();
        var serious = results.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"{where}:\n" + string.Join("\n", serious.Select(Describe)));
    }

    private static string Describe(AxeResultItem violation) =>
        $"{violation.Id} ({violation.Impact}): {violation.Help} at {string.Join(", ", violation.Nodes.Select(n => n.Target?.ToString()))}";

    [Fact]
    public async Task Every_composer_step_and_the_review_pass_an_axe_scan()
    {
        var page = await browser.NewSignedInPageAsync("axe");
        await page.GotoInteractiveAsync("requests/new");
        await Expect(page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = Steps[0] })).ToBeVisibleAsync();
        await page.GetByLabel("What's going on").FillAsync("sorry, so sorry - the boiler broke.");

        foreach (var step in Steps)
        {
            await Expect(page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = step })).ToBeVisibleAsync();
            await AssertNoSeriousViolationsAsync(page, step);
            var next = page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Next", Exact = true });
            if (await next.CountAsync() > 0)
            {
                await next.ClickAsync();
            }
        }
    }

    [Fact]
    public async Task The_dashboard_lists_and_settings_pass_an_axe_scan()
    {
        var page = await browser.NewSignedInPageAsync("axe");

        foreach (var (path, heading) in new[] { ("", "Dashboard"), ("requests", "Requests"), ("helpers", "Helpers"), ("settings/coaching", "Coaching settings") })
        {
            await page.GotoInteractiveAsync(path);
            await Expect(page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = heading, Exact = true })).ToBeVisibleAsync();
            await AssertNoSeriousViolationsAsync(page, path);
        }
    }

    [Fact]
    public async Task Sending_the_outbox_the_request_page_and_the_answer_page_pass_an_axe_scan()
    {
        var (page, accountId, email) = await browser.NewSignedInAsync("axe-send");
        var requestId = await browser.App.CreateReadyRequestAsync(accountId);

        await page.GotoInteractiveAsync($"requests/{requestId}/send");
        await Expect(page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = "Send your request to Sam Jones" })).ToBeVisibleAsync();
        await AssertNoSeriousViolationsAsync(page, "send");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Send email" }).ClickAsync();
        await Expect(page.Locator("#timeline")).ToBeVisibleAsync();
        await AssertNoSeriousViolationsAsync(page, "request");

        await page.GotoInteractiveAsync("outbox");
        await Expect(page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = "Outbox", Exact = true })).ToBeVisibleAsync();
        await AssertNoSeriousViolationsAsync(page, "outbox");
        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Could you help carry it down on Saturday morning?" }).ClickAsync();
        var href = await page.Locator("#email-text a").GetAttributeAsync("href");

        var helper = await browser.NewPageAsync();
        await helper.GotoAsync(href!);
        await Expect(helper.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = $"{email} asked for your help" })).ToBeVisibleAsync();
        await AssertNoSeriousViolationsAsync(helper, "answer");
        await helper.GotoAsync("answer/not-a-token");
        await AssertNoSeriousViolationsAsync(helper, "answer link not valid");
    }

    [Fact]
    public async Task The_thanks_composer_the_dashboard_with_charts_a_helper_and_your_data_pass_an_axe_scan()
    {
        var (page, accountId, _) = await browser.NewSignedInAsync("axe-thanks");
        var requestId = await browser.App.CreateReadyRequestAsync(accountId);
        Guid helperId;
        await using (var scope = browser.App.Services.CreateAsyncScope())
        {
            var tracking = browser.App.ServiceFor<HelpAsk.Web.Features.Requests.RequestTracking>(accountId, scope);
            await tracking.MarkSentAsync(requestId, "in person");
            await tracking.ChangeStatusAsync(requestId, HelpAsk.Core.Domain.RequestStatus.Helped, null);
            helperId = (await browser.App.ServiceFor<HelpAsk.Web.Features.Requests.RequestStore>(accountId, scope).FindAsync(requestId))!.HelperId!.Value;
        }

        await page.GotoInteractiveAsync($"thanks/new?request={requestId}");
        await Expect(page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = "Thank Sam" })).ToBeVisibleAsync();
        await page.Locator("#difference").FillAsync("Thanks so much, it was such a relief for me and I finally got my weekend back.");
        await Expect(page.Locator(".composer-coach")).ToContainTextAsync("mostly about you");
        await AssertNoSeriousViolationsAsync(page, "thanks");

        foreach (var (path, heading) in new[] { ("", "Dashboard"), ($"helpers/{helperId}", "Sam Jones"), ("settings/data", "Your data"), ($"requests/{requestId}", "Moving the piano") })
        {
            await page.GotoInteractiveAsync(path);
            await Expect(page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = heading, Exact = true })).ToBeVisibleAsync();
            await AssertNoSeriousViolationsAsync(page, path);
        }
    }
}
