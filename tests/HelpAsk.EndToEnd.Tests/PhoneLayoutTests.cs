using HelpAsk.Core.Domain;
using HelpAsk.Testing;
using HelpAsk.Web.Features.Helpers;
using HelpAsk.Web.Features.Requests;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace HelpAsk.EndToEnd.Tests;

/// <summary>The composer and the pages around it on a phone (390×844) and on a desktop.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PhoneLayoutTests(BrowserFixture browser)
{
    private static readonly string[] Steps = PageExtensions.ComposerStepHeadings;

    private const string StepperNav = ".composer-stepper .mud-stepper-nav";

    private async Task<IPage> SignedInPageAsync(string email, int width, int height)
    {
        var page = await browser.NewPageAsync(width, height);
        await page.LogInAsync(email, BrowserFixture.Password);
        await page.WaitForInteractiveAsync();
        return page;
    }

    private static async Task AssertNoSidewaysScrollingAsync(IPage page, string where)
    {
        var (scrollWidth, innerWidth) = (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("() => window.innerWidth"));
        Assert.True(scrollWidth <= innerWidth, $"{where} scrolls sideways: {scrollWidth} px wide in a {innerWidth} px window");
    }

    private static async Task<LocatorBoundingBoxResult> BoxOfAsync(ILocator locator) =>
        await locator.BoundingBoxAsync() ?? throw new InvalidOperationException($"{locator} is not shown");

    [Fact]
    public async Task On_a_phone_no_composer_step_nor_the_request_or_thanks_page_scrolls_sideways_and_the_coach_comes_before_Back_Next_and_Send()
    {
        var (_, accountId, email) = await browser.NewSignedInAsync("phone");
        Guid readyId;
        await using (var scope = browser.App.Services.CreateAsyncScope())
        {
            await browser.App.ServiceFor<HelperDirectory>(accountId, scope).AddValidAsync("Maya Lindqvist", "maya@example.org", "Colleague from the Oslo office");
            readyId = await browser.App.CreateReadyRequestAsync(accountId, "Maya Lindqvist");
            var tracking = browser.App.ServiceFor<RequestTracking>(accountId, scope);
            await tracking.MarkSentAsync(readyId, "in person");
            await tracking.ChangeStatusAsync(readyId, RequestStatus.Helped, null);
        }

        var page = await SignedInPageAsync(email, 390, 844);
        await page.StartNewRequestAsync();
        await page.GetByLabel("What's going on").FillAsync("sorry, so sorry - our team offsite is next Friday and I'm behind on the slides.");

        foreach (var step in Steps)
        {
            await Expect(page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = step })).ToBeVisibleAsync();
            await AssertNoSidewaysScrollingAsync(page, step);

            var stepper = await BoxOfAsync(page.Locator(StepperNav));
            Assert.True(stepper.Height <= 100, $"The stepper is {stepper.Height} px tall on \"{step}\"");

            // Reading down the page, the coach's advice comes before the buttons that move on.
            var coach = await BoxOfAsync(page.Locator(".composer-coach"));
            var back = await BoxOfAsync(page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Back" }));
            Assert.True(coach.Y + coach.Height <= back.Y, $"On \"{step}\" the coach ends at {coach.Y + coach.Height} px, below Back at {back.Y} px");

            if (step == "Ask one specific person")
            {
                // The browser's own select (its list opens outside the page on a phone).
                await page.GetByLabel("Who are you asking?").SelectOptionAsync(new SelectOptionValue { Label = "Maya Lindqvist (Colleague from the Oslo office)" });
                var chosen = page.Locator(".helper-choice");
                await Expect(chosen).ToContainTextAsync("Maya Lindqvist (Colleague from the Oslo office)");
                // Whatever holds the chosen name shows all of it (an input's text is cut when it is wider than the input).
                var cut = await chosen.EvaluateAsync<int[]>(
                    "e => { const holders = [...e.querySelectorAll('input, div, span')].filter(x => x.tagName === 'INPUT' ? x.value.includes('Maya') : x.children.length === 0 && x.textContent.includes('Maya'));"
                    + " return [holders.length, holders.filter(x => x.scrollWidth > x.clientWidth).length]; }");
                Assert.True(cut[0] > 0 && cut[1] == 0, $"The chosen helper's name is cut off ({cut[1]} of {cut[0]} places)");
                await AssertNoSidewaysScrollingAsync(page, "the chosen helper");
            }

            if (step == "Say exactly what you need")
            {
                // The browser's own date input: its calendar opens outside the page, so it cannot cover the stepper.
                var date = page.GetByLabel("By when (optional)");
                await date.FillAsync("2026-12-05");
                await Expect(date).ToHaveValueAsync("2026-12-05");
                var field = await BoxOfAsync(date);
                Assert.True(field.X >= 0 && field.X + field.Width <= 390, $"The date field runs off the screen: {field.X} + {field.Width} px");
            }

            if (await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Next", Exact = true }).CountAsync() > 0)
            {
                await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Next", Exact = true }).ClickAsync();
            }
        }

        await page.GotoInteractiveAsync($"requests/{readyId}");
        await Expect(page.Locator("#timeline")).ToBeVisibleAsync();
        await AssertNoSidewaysScrollingAsync(page, "the request page");

        await page.GotoInteractiveAsync($"thanks/new?request={readyId}");
        await Expect(page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = "Thank Maya" })).ToBeVisibleAsync();
        await page.Locator("#difference").FillAsync("Thanks so much, it was such a relief for me and I finally got my weekend back.");
        await Expect(page.Locator(".composer-coach")).ToContainTextAsync("mostly about you");
        await AssertNoSidewaysScrollingAsync(page, "the thank-you note");
        var thanksCoach = await BoxOfAsync(page.Locator(".composer-coach"));
        var send = await BoxOfAsync(page.Locator(".composer-send"));
        Assert.True(thanksCoach.Y + thanksCoach.Height <= send.Y, $"On the thank-you note the coach ends at {thanksCoach.Y + thanksCoach.Height} px, below Send at {send.Y} px");
    }

    [Fact]
    public async Task On_a_desktop_the_stepper_is_one_row_without_a_scrollbar()
    {
        var (_, _, email) = await browser.NewSignedInAsync("desktop");
        var page = await SignedInPageAsync(email, 1280, 900);
        await page.StartNewRequestAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = Steps[0] })).ToBeVisibleAsync();

        var nav = page.Locator(StepperNav);
        var box = await BoxOfAsync(nav);
        Assert.True(box.Height <= 100, $"The stepper is {box.Height} px tall");
        Assert.True(await nav.EvaluateAsync<bool>("e => e.scrollWidth <= e.clientWidth"), "The stepper scrolls sideways");
        var tops = await page.Locator($"{StepperNav} .mud-step").EvaluateAllAsync<double[]>("steps => steps.map(s => s.getBoundingClientRect().top)");
        Assert.Equal(6, tops.Length);
        Assert.True(tops.Max() - tops.Min() < 1, $"The steps sit on more than one row: tops {string.Join(", ", tops)}");
    }
}
