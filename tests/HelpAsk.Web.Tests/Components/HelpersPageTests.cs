using Bunit;
using HelpAsk.Testing;
using HelpAsk.Web.Features.Helpers;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace HelpAsk.Web.Tests.Components;

/// <summary>The helpers form checks with the Core validator through MudForm, before anything reaches the directory.</summary>
public sealed class HelpersPageTests() : SignedInPageTest("casey@example.org")
{

    protected override void AddServices()
    {
        Services.AddHelpers();
    }

    [Fact]
    public async Task Bad_details_are_shown_beside_their_fields_and_nothing_is_saved()
    {
        Render<MudPopoverProvider>();
        var page = Render<HelpersPage>();
        page.WaitForAssertion(() => Assert.Contains("No helpers yet.", page.Markup, StringComparison.Ordinal));
        page.FindAll("button").Single(b => b.TextContent.Contains("Add someone", StringComparison.Ordinal)).Click();

        // The click is dispatched through MudButton's handler; under load the form may render after Click returns.
        page.WaitForElement("#helper-form input[type=email]").Input("sam.example.org");
        page.FindAll("#helper-form button").Single(b => b.TextContent.Contains("Save", StringComparison.Ordinal)).Click();

        page.WaitForAssertion(() =>
        {
            Assert.Contains("Give the helper's name, so the request can greet them.", page.Markup, StringComparison.Ordinal);
            Assert.Contains("Mail can't be sent to that email address.", page.Markup, StringComparison.Ordinal);
        });
        Assert.Equal("sam.example.org", page.Find("#helper-form input[type=email]").GetAttribute("value"));
        await using var scope = App.Services.CreateAsyncScope();
        Assert.Empty(await App.ServiceFor<HelperDirectory>(AccountId, scope).ListAsync());
    }
}
