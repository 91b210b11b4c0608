using HelpAsk.Testing;
using HelpAsk.Web.Data;
using HelpAsk.Web.Features.Helpers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace HelpAsk.EndToEnd.Tests.Security;

/// <summary>Chart labels, the Content-Security-Policy and control characters, in a real Chromium.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PageSafetyTests(BrowserFixture browser)
{
    private static readonly string[] Payloads =
    [
        "<img src=x onerror=window.__xss=1>",
        "<svg onload=window.__xss=2>",
        "\"><script>window.__xss=3</script>",
        "<a href=javascript:window.__xss=4>Kim</a>",
        "</text><image href=x onerror=window.__xss=5 />",
    ];

    /// <summary>Records every Content-Security-Policy violation and script error a page reports, from its first byte.</summary>
    private const string WatchForViolations = """
        window.__violations = [];
        document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
        """;

    [Fact]
    public async Task Helper_names_with_markup_are_shown_as_text_on_every_chart_and_never_run()
    {
        var (page, accountId, _) = await browser.NewSignedInAsync("charts");
        await SeedWithHelpersNamedAsync(accountId, Payloads);

        await page.GotoInteractiveAsync("");
        var labels = page.Locator("#chart-top-helpers svg .mud-charts-xaxis text");
        await Expect(labels).ToHaveCountAsync(Payloads.Length);
        foreach (var bar in await page.Locator("#chart-top-helpers svg path").AllAsync())
        {
            await bar.HoverAsync(new LocatorHoverOptions { Force = true, Timeout = 2_000 });
        }

        Assert.Equal(Payloads.Order(StringComparer.Ordinal), (await labels.AllTextContentsAsync()).Order(StringComparer.Ordinal));
        Assert.Equal(0, await page.Locator(".mud-chart img, .mud-chart script, .mud-chart image, .mud-chart a, .mud-chart svg svg").CountAsync());
        Assert.Null(await page.EvaluateAsync<int?>("window.__xss ?? null"));
    }

    [Theory]
    [InlineData(1280, 900)]
    [InlineData(390, 844)]
    public async Task Chart_labels_are_drawn_at_least_12_pixels_high_on_a_desktop_and_a_phone(int width, int height)
    {
        var (signedIn, accountId, email) = await browser.NewSignedInAsync("chartsize");
        await SeedWithHelpersNamedAsync(accountId, ["Sam Jones", "Kim Lee"]);
        var page = await browser.NewPageAsync(width, height);
        await page.LogInAsync(email, BrowserFixture.Password);
        await page.WaitForInteractiveAsync();
        await signedIn.Context.CloseAsync();
        await Expect(page.Locator("#chart-help-per-month svg text").First).ToBeVisibleAsync();

        // The size a reader sees: the font size times the SVG's scale on screen.
        var sizes = await page.EvaluateAsync<double[]>("""
            [...document.querySelectorAll('.mud-chart svg text')]
                .filter(t => t.textContent.trim() !== '' && t.getBBox().width > 0)
                .map(t => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a)
            """);

        Assert.NotEmpty(sizes);
        Assert.True(sizes.Min() >= 12, $"smallest chart label {sizes.Min():0.0} px at {width}x{height}");
    }

    [Fact]
    public async Task The_main_journeys_run_under_the_content_security_policy_without_a_single_violation()
    {
        var (page, accountId, _) = await browser.NewSignedInAsync("csp");
        await page.Context.AddInitScriptAsync(WatchForViolations);
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        await SeedWithHelpersNamedAsync(accountId, ["Sam Jones"]);

        foreach (var path in new[] { "", "requests", "helpers", "outbox", "settings/coaching", "settings/data" })
        {
            await page.GotoInteractiveAsync(path);
            Assert.Empty(await page.EvaluateAsync<string[]>("window.__violations"));
        }

        await page.StartNewRequestAsync();
        await page.GetByLabel("What's going on").PressSequentiallyAsync("We move on Saturday.");
        await Expect(page.Locator(".save-indicator")).ToHaveAttributeAsync("data-state", "saved");
        Assert.Empty(await page.EvaluateAsync<string[]>("window.__violations"));

        foreach (var path in new[] { "Account/Manage", $"answer/{new string('a', 43)}" })
        {
            await page.GotoAsync(path);
            Assert.Empty(await page.EvaluateAsync<string[]>("window.__violations"));
        }

        var anonymous = await browser.NewPageAsync();
        await anonymous.Context.AddInitScriptAsync(WatchForViolations);
        foreach (var path in new[] { "", "Account/Login", "Account/Register", "no-such-page" })
        {
            await anonymous.GotoAsync(path);
            await anonymous.WaitForLoadStateAsync(LoadState.NetworkIdle);
            Assert.Empty(await anonymous.EvaluateAsync<string[]>("window.__violations"));
        }

        Assert.DoesNotContain(errors, e => e.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_NUL_pasted_into_a_field_is_dropped_and_everything_after_it_is_kept()
    {
        var (page, accountId, _) = await browser.NewSignedInAsync("nul");
        var before = new string('n', 600);
        await page.GotoInteractiveAsync("helpers");

        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Add someone" }).ClickAsync();
        await page.GetByLabel("Name").FillAsync("Sam Jones");
        await page.GetByLabel("Notes (optional, only you see them)").FillAsync(before + "\0" + "kept after the NUL");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Save" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Sam Jones" })).ToBeVisibleAsync();

        await using var scope = browser.App.Services.CreateAsyncScope();
        var helper = (await browser.App.ServiceFor<HelperDirectory>(accountId, scope).ListAsync()).Single();
        Assert.Equal(before + "kept after the NUL", helper.Notes);
    }

    private async Task SeedWithHelpersNamedAsync(string accountId, IReadOnlyList<string> names)
    {
        await using var scope = browser.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpAskDbContext>();
        await DashboardSeed.SeedAsync(db, accountId, 40, DateTime.UtcNow, helpers: names.Count);
        var helpers = await db.Helpers.IgnoreQueryFilters().Where(h => h.OwnerId == accountId).OrderBy(h => h.Name).ToListAsync();
        foreach (var (helper, name) in helpers.Zip(names))
        {
            helper.Name = name;
        }

        await db.SaveChangesAsync();
    }
}
