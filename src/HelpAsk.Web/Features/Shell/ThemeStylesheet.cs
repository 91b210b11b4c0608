using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace HelpAsk.Web.Features.Shell;

/// <summary>
/// The theme's CSS (MudBlazor's colour, type, shadow and layout variables, light and dark), generated once per process
/// by MudBlazor's own theme provider and served as one stylesheet that browsers cache. A theme provider in the layout
/// kept its 12,700-character <c>style</c> in every open circuit's render tree. Dark mode is the document's
/// <c>data-theme="dark"</c> attribute, which js/theme.js sets before the first paint.
/// </summary>
public sealed partial class ThemeStylesheet(IServiceScopeFactory scopes, ILoggerFactory loggers)
{
    public const string Path = "/theme.css";

    /// <summary>Where the dark palette applies; the light one applies to <c>:root</c>.</summary>
    public const string DarkScope = ":root[data-theme=dark]";

    private readonly Lazy<Task<Generated>> generated = new(() => GenerateAsync(scopes, loggers));

    /// <summary>The stylesheet's address, versioned by its content so that browsers may keep it for good.</summary>
    public async Task<string> HrefAsync() => (await generated.Value).Href;

    public async Task<string> CssAsync() => (await generated.Value).Css;

    private static async Task<Generated> GenerateAsync(IServiceScopeFactory scopes, ILoggerFactory loggers)
    {
        await using var scope = scopes.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, loggers);
        var light = await RenderAsync(renderer, HelpAskTheme.Create(":root"), isDarkMode: false);
        var dark = await RenderAsync(renderer, HelpAskTheme.Create(DarkScope), isDarkMode: true);

        // Both renders hold the same fixed rules (scrollbar, charts); each variable block differs.
        var css = string.Join('\n', Styles(light).Concat(Styles(dark)).Distinct(StringComparer.Ordinal));
        var version = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(css)))[..12];
        return new Generated(css, $"{Path.TrimStart('/')}?v={version}");
    }

    private static Task<string> RenderAsync(HtmlRenderer renderer, MudBlazor.MudTheme theme, bool isDarkMode) =>
        renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<HelpAskThemeProvider>(ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(HelpAskThemeProvider.Theme)] = theme,
                [nameof(HelpAskThemeProvider.IsDarkMode)] = isDarkMode,
                [nameof(HelpAskThemeProvider.ObserveSystemDarkModeChange)] = false,
            }));
            return output.ToHtmlString();
        });

    private static IEnumerable<string> Styles(string html) =>
        StyleElement().Matches(html).Select(match => match.Groups["css"].Value.Trim());

    [GeneratedRegex("<style[^>]*>(?<css>.*?)</style>", RegexOptions.Singleline)]
    private static partial Regex StyleElement();

    private sealed record Generated(string Css, string Href);
}
