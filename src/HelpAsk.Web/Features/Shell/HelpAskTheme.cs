using MudBlazor;

namespace HelpAsk.Web.Features.Shell;

/// <summary>Warm, calm colours; the system font stack, since no web font can be fetched offline.</summary>
public static class HelpAskTheme
{
    private static readonly string[] SystemFonts =
        ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Ubuntu", "Cantarell", "Noto Sans", "Helvetica Neue", "Arial", "sans-serif"];

    /// <summary>The theme with its variables declared on <paramref name="scope"/> (a CSS selector), for <see cref="ThemeStylesheet"/>.</summary>
    public static MudTheme Create(string scope) => new()
    {
        PseudoCss = new PseudoCss { Scope = scope },
        PaletteLight = new PaletteLight
        {
            Primary = "#2f6f5e",
            Secondary = "#a14e27",
            Tertiary = "#5b6ab0",

            // Darker than MudBlazor's defaults, so alert text keeps a 4.5:1 contrast on its tinted background.
            Info = "#1c5d99",
            Success = "#2e6b34",
            Warning = "#8a5300",
            Error = "#b3261e",
            AppbarBackground = "#2f6f5e",
            Background = "#f7f6f2",
            Surface = "#ffffff",
            DrawerBackground = "#ffffff",
            TextPrimary = "#1f2a27",
            TextSecondary = "#4a5853",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#7cc7b0",
            Secondary = "#f0a27a",
            Tertiary = "#9aa6e6",
            AppbarBackground = "#1c2a26",
            Background = "#121816",
            Surface = "#1a2320",
            DrawerBackground = "#1a2320",
            TextPrimary = "#e7efec",
            TextSecondary = "#b5c4bf",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = SystemFonts },
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "10px" },
    };
}
