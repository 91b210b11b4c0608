using System.Text.RegularExpressions;
using HelpAsk.Web.Data;
using HelpAsk.Web.Features.Requests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace HelpAsk.EndToEnd.Tests;

[Collection(BrowserCollection.Name)]
public sealed class ThanksJourneyTests(BrowserFixture browser)
{
    private const string SelfCentred = "Thanks so much, it was such a relief for me and I finally got my weekend back.";
    private const string AboutThem = "Because of you, Dad played it on his first evening in the new flat.";

    [Fact]
    public async Task Mark_helped_write_thanks_fix_a_self_centred_sentence_send_it_see_it_counted_export_it_and_delete_it_all()
    {
        var (page, accountId, email) = await browser.NewSignedInAsync("thanks");
        var requestId = await browser.App.CreateReadyRequestAsync(accountId, "Sam Jones", $"sam-{Guid.NewGuid():N}@example.org");
        await using (var scope = browser.App.Services.CreateAsyncScope())
        {
            await browser.App.ServiceFor<RequestTracking>(accountId, scope).MarkSentAsync(requestId, "in person");
        }

        // They helped.
        await page.GotoInteractiveAsync($"requests/{requestId}");
        await page.GetByLabel("What happened").ClickAsync();
        await page.GetByRole(AriaRole.Option, new PageGetByRoleOptions { Name = "They helped" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Record" }).ClickAsync();
        await Expect(page.Locator(".status-chip").First).ToHaveTextAsync("Helped");

        // The thanks composer coaches a self-centred sentence, and is content once it is about them.
        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Say thanks" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = "Thank Sam" })).ToBeVisibleAsync();
        await page.WaitForInteractiveAsync();
        await page.Locator("#did").FillAsync("You carried Dad's piano down two flights on Saturday.");
        await page.Locator("#difference").FillAsync(SelfCentred);
        var coach = page.Locator(".composer-coach");
        await Expect(coach).ToContainTextAsync("mostly about you");
        await page.Locator("#difference").FillAsync(AboutThem);
        await Expect(coach).Not.ToContainTextAsync("mostly about you");
        await Expect(coach).ToContainTextAsync("You show the difference their help makes");
        await Expect(page.Locator("#note")).ToHaveValueAsync(new Regex($"^Hi Sam,\\s+You carried Dad's piano.*{Regex.Escape(AboutThem)}", RegexOptions.Singleline));

        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Send email" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/requests/{requestId}$"));
        await Expect(page.Locator(".status-chip").First).ToHaveTextAsync("Thanked");
        await Expect(page.Locator("#timeline")).ToContainTextAsync("Helped → Thanked: Thank-you note to Sam Jones (emailed)");

        // The dashboard counts it.
        await page.GotoInteractiveAsync("");
        await Expect(page.Locator(".summary-tile").Filter(new LocatorFilterOptions { HasText = "Thank-you notes sent" })).ToContainTextAsync("1");
        await Expect(page.Locator("#chart-thanks-coverage")).ToContainTextAsync("You thanked 1 of the 1 times someone helped you.");

        // The export holds it.
        var export = await page.Context.APIRequest.GetAsync("export/helpask.json");
        Assert.True(export.Ok);
        Assert.Contains(AboutThem, await export.TextAsync(), StringComparison.Ordinal);

        // Deleting the account removes it.
        await page.GotoAsync("settings/data");
        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Delete my account…" }).ClickAsync();
        await page.GetByLabel("Password").FillAsync(BrowserFixture.Password);
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Delete data and close my account" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = "Your account was deleted" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Log in" }).First).ToBeVisibleAsync();

        await using var check = browser.App.Services.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<HelpAskDbContext>();
        Assert.False(await db.Users.AnyAsync(u => u.Email == email, TestContext.Current.CancellationToken));
        Assert.False(await db.ThankYouNotes.IgnoreQueryFilters().AnyAsync(n => n.OwnerId == accountId, TestContext.Current.CancellationToken));
        Assert.False(await db.HelpRequests.IgnoreQueryFilters().AnyAsync(r => r.OwnerId == accountId, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Plan_a_follow_up_write_it_from_the_dashboard_when_due_and_see_it_on_the_timeline()
    {
        var (page, requestId) = await PlanFollowUpForTodayAsync("follow-up", "how the move went");

        await page.GotoInteractiveAsync("");
        var due = page.Locator("#follow-ups-due");
        await Expect(due).ToContainTextAsync("Priya Shah: how the move went");
        await due.GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = "Write it" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = "Tell Priya what difference it made" })).ToBeVisibleAsync();
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByText("You planned to tell Priya: how the move went")).ToBeVisibleAsync();
        await page.Locator("#difference").FillAsync("Because of you, the move took one morning and Dad slept in his own bed that night.");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Mark as given" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex($"/requests/{requestId}$"));
        await Expect(page.Locator("#timeline")).ToContainTextAsync("Told Priya Shah what difference their help made (how the move went)");
        await page.GotoInteractiveAsync("");
        await Expect(page.Locator("#follow-ups-due")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Drop_a_planned_follow_up_once_confirmed_from_its_request_or_from_the_dashboard()
    {
        var (page, _) = await PlanFollowUpForTodayAsync("drop-follow-up", "how the move went");
        var drop = page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Drop the follow-up: how the move went" });

        await drop.ClickAsync();
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Keep it" }).ClickAsync();
        await Expect(page.Locator("#follow-ups")).ToContainTextAsync("Planned for");

        await drop.ClickAsync();
        await Expect(page.GetByText("You planned to tell Priya Shah: how the move went.")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Drop", Exact = true }).ClickAsync();
        await Expect(page.Locator("#follow-ups")).Not.ToContainTextAsync("Planned for");
        await Expect(page.Locator("#timeline")).ToContainTextAsync("Follow-up dropped: how the move went");

        await PlanOnThisPageAsync(page, "how Dad settled in");
        await page.GotoInteractiveAsync("");
        var due = page.Locator("#follow-ups-due");
        await Expect(due).ToContainTextAsync("Priya Shah: how Dad settled in");
        await due.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Drop the follow-up: how Dad settled in" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Drop", Exact = true }).ClickAsync();
        await Expect(due).ToHaveCountAsync(0);
    }

    /// <summary>A new account whose request Priya Shah helped with, and a follow-up planned on its page, due today.</summary>
    private async Task<(IPage Page, Guid RequestId)> PlanFollowUpForTodayAsync(string account, string plan)
    {
        var (page, accountId, _) = await browser.NewSignedInAsync(account);
        var requestId = await browser.App.CreateReadyRequestAsync(accountId, "Priya Shah", null);
        await using (var scope = browser.App.Services.CreateAsyncScope())
        {
            var tracking = browser.App.ServiceFor<RequestTracking>(accountId, scope);
            await tracking.MarkSentAsync(requestId, "in person");
            await tracking.ChangeStatusAsync(requestId, HelpAsk.Core.Domain.RequestStatus.Helped, null);
        }

        await page.GotoInteractiveAsync($"requests/{requestId}");
        await PlanOnThisPageAsync(page, plan);
        return (page, requestId);
    }

    private static async Task PlanOnThisPageAsync(IPage page, string plan)
    {
        await page.GetByLabel("What you'll tell them").FillAsync(plan);
        // The date as the reader's culture writes it (the page takes it from the browser's languages).
        var culture = System.Globalization.CultureInfo.GetCultureInfo(await page.EvaluateAsync<string>("navigator.language"));
        await page.GetByLabel("When").FillAsync(DateTime.Now.ToString("d", culture));
        await page.GetByLabel("When").PressAsync("Enter");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Plan the follow-up" }).ClickAsync();
        await Expect(page.Locator("#follow-ups li", new PageLocatorOptions { HasText = plan })).ToContainTextAsync("Planned for");
    }
}
