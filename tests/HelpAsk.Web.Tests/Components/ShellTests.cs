using Bunit;
using HelpAsk.Testing;
using HelpAsk.Web.Features.Dashboard;
using HelpAsk.Web.Features.Shell;
using Microsoft.Extensions.DependencyInjection;

namespace HelpAsk.Web.Tests.Components;

public sealed class ShellTests : BunitContext
{
    public ShellTests()
    {
        this.UseAppFrame();
    }

    [Fact]
    public void A_visitor_is_offered_log_in_and_sign_up_only()
    {
        AddAuthorization();

        var menu = Render<NavMenu>();

        var links = menu.FindAll("a").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal(["Home", "Log in", "Create account"], links);
        Assert.Empty(menu.FindAll("form[action='Account/Logout']"));
    }

    [Fact]
    public void A_signed_in_person_sees_the_built_pages_their_account_and_log_out()
    {
        AddAuthorization().SetAuthorized("alice@example.org");

        var menu = Render<NavMenu>();

        var links = menu.FindAll("a").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal(["Dashboard", "New request", "Requests", "Helpers", "Outbox", "Coaching settings", "Notifications", "Your data", "Account"], links);
        var logout = menu.Find("form[action='Account/Logout']");
        Assert.Equal("post", logout.GetAttribute("method"));
        Assert.Contains("Log out", logout.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("requests/new", "New request")]
    [InlineData("requests", "Requests")]
    [InlineData("helpers/3f2a?tab=notes", "Helpers")]
    [InlineData("", "Dashboard")]
    public void The_menu_marks_the_current_page_s_link_only(string address, string current)
    {
        AddAuthorization().SetAuthorized("alice@example.org");
        Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo(address);

        var menu = Render<NavMenu>();

        var marked = menu.FindAll("a[aria-current='page']").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal([current], marked);
        Assert.Equal([current], menu.FindAll("a.active").Select(a => a.TextContent.Trim()));
    }

    [Fact]
    public void The_layout_offers_both_palettes_and_keeps_no_theme_styles_of_its_own()
    {
        AddAuthorization();

        var layout = RenderInteractive<MainLayout>();

        // js/theme.js switches on the button's click in the browser, and CSS shows the half naming the other palette.
        var toggle = layout.Find("button[data-theme-toggle]");
        Assert.Equal("Switch to dark mode", toggle.QuerySelector(".theme-when-light .visually-hidden")?.TextContent);
        Assert.Equal("Switch to light mode", toggle.QuerySelector(".theme-when-dark .visually-hidden")?.TextContent);
        // The theme's variables are one cached stylesheet (ThemeStylesheet), not a <style> every open circuit keeps.
        Assert.Empty(layout.FindAll("style"));
        Assert.DoesNotContain("--mud-palette", layout.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void The_layout_has_the_app_name_the_menu_and_an_error_bar_that_promises_nothing_is_lost()
    {
        AddAuthorization();

        var layout = RenderInteractive<MainLayout>();

        Assert.Contains("HelpAsk", layout.Find(".mud-appbar").TextContent, StringComparison.Ordinal);
        Assert.NotNull(layout.Find("button[aria-label='Open or close the menu']"));
        Assert.Contains("Your saved work is safe", layout.Find("#blazor-error-ui").TextContent, StringComparison.Ordinal);
    }

    /// <summary>The layout runs its JS only once the circuit is interactive; services must all be added before.</summary>
    private IRenderedComponent<T> RenderInteractive<T>()
        where T : Microsoft.AspNetCore.Components.IComponent
    {
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
        return Render<T>();
    }

    [Fact]
    public void The_five_steps_are_explained_in_order()
    {
        var steps = Render<FiveSteps>();

        var titles = steps.FindAll("h3").Select(h => h.TextContent).ToList();
        Assert.Equal(["Share the situation", "Ask clearly", "Ask one person", "Be specific", "Stay open"], titles);
    }
}
