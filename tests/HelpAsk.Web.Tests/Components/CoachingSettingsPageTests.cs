using Bunit;
using HelpAsk.Web.Features.Coaching;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace HelpAsk.Web.Tests.Components;

/// <summary>The coaching settings page against a real SQLite file: its phrase forms check with the Core validators first.</summary>
public sealed class CoachingSettingsPageTests() : SignedInPageTest("jo@example.org")
{
    protected override void AddServices() => Services.AddCoaching();

    private IRenderedComponent<CoachingSettingsPage> RenderSettings()
    {
        Render<MudPopoverProvider>();
        var page = Render<CoachingSettingsPage>();
        page.WaitForElement("#new-allowed-phrase");
        return page;
    }

    private static void Add(IRenderedComponent<CoachingSettingsPage> page, int form) =>
        page.FindAll("button").Where(b => b.TextContent.Trim() == "Add").ElementAt(form).Click();

    [Fact]
    public async Task A_phrase_without_words_is_refused_at_its_field_and_nothing_is_stored()
    {
        var page = RenderSettings();

        await page.InvokeAsync(() => page.Find("#new-allowed-phrase").Input("  !! "));
        Add(page, 0);
        await page.InvokeAsync(() => page.Find("#new-personal-phrase").Input("?"));
        Add(page, 1);

        page.WaitForAssertion(() => Assert.Equal(
            ["Type the words that are fine as they are.", "Type the words you want flagged."],
            page.FindAll(".mud-input-helper-text.mud-input-error").Select(e => e.TextContent.Trim()).Where(t => t.Length > 0)));
        await using var scope = App.Services.CreateAsyncScope();
        var preferences = await App.ServiceFor<CoachingSettings>(AccountId, scope).GetAsync();
        Assert.Empty(preferences.AllowedPhrases);
        Assert.Empty(preferences.PersonalPhrases);
    }

    [Fact]
    public async Task A_good_phrase_is_added_and_the_field_is_emptied()
    {
        var page = RenderSettings();

        await page.InvokeAsync(() => page.Find("#new-allowed-phrase").Input("no worries"));
        Add(page, 0);

        // The typed phrase is in the markup from the first key (the field's value): wait for the field to be emptied,
        // which happens once the phrase is stored, as on a busy PostgreSQL run it was not yet.
        page.WaitForAssertion(() =>
        {
            Assert.Empty(page.Find("#new-allowed-phrase").GetAttribute("value") ?? "");
            Assert.Contains("no worries", page.Markup, StringComparison.Ordinal);
        });
        Assert.Empty(page.FindAll(".mud-input-helper-text.mud-input-error").Select(e => e.OuterHtml));
        await using var scope = App.Services.CreateAsyncScope();
        Assert.Equal(["no worries"], (await App.ServiceFor<CoachingSettings>(AccountId, scope).GetAsync()).AllowedPhrases);
    }
}
