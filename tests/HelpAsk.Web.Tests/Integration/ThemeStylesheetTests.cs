using System.Net;
using System.Text.RegularExpressions;
using HelpAsk.Testing;

namespace HelpAsk.Web.Tests.Integration;

public sealed partial class ThemeStylesheetTests
{
    [Fact]
    public async Task Every_page_links_one_cacheable_stylesheet_with_the_light_and_the_dark_palette()
    {
        using var app = new HelpAskAppFactory();
        var client = app.CreateClient();

        var page = await client.GetStringAsync("/Account/Login", TestContext.Current.CancellationToken);
        var href = WebUtility.HtmlDecode(ThemeLink().Match(page).Groups["href"].Value);
        var response = await client.GetAsync("/" + href, TestContext.Current.CancellationToken);
        var css = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.DoesNotContain("<style", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.MaxAge >= TimeSpan.FromDays(365), "the versioned address is cached for good");
        // HelpAskTheme's primary colour, light (#2f6f5e) on the document, dark (#7cc7b0) where data-theme is dark.
        Assert.Matches(@":root\{[^}]*--mud-palette-primary: rgba\(47,111,94,1\);", css);
        Assert.Matches(@":root\[data-theme=dark\]\{[^}]*--mud-palette-primary: rgba\(124,199,176,1\);[^}]*--mud-native-html-color-scheme: dark;", css);
    }

    [Fact]
    public async Task The_stylesheet_at_an_old_version_s_address_is_not_cached_for_good()
    {
        using var app = new HelpAskAppFactory();

        var response = await app.CreateClient().GetAsync("/theme.css?v=000000000000", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoCache, "an address that is not the current version is checked again");
    }

    [GeneratedRegex("<link rel=\"stylesheet\" href=\"(?<href>theme\\.css\\?v=[0-9a-f]+)\"")]
    private static partial Regex ThemeLink();
}
