using Microsoft.AspNetCore.Components;

namespace HelpAsk.Web.Features.Shell;

/// <summary>
/// MudIcon's markup without the component, for plain markup that keeps MudBlazor's look: a component on a page is
/// state (and two render-tree builders) that every open circuit keeps. The icon is one of MudBlazor's <c>Icons</c>.
/// </summary>
public static class SvgIcon
{
    public static MarkupString Of(string icon, string classes = "mud-svg-icon mud-icon-size-medium") => new(
        $"<svg class=\"mud-icon-root {classes}\" focusable=\"false\" " +
        $"viewBox=\"0 0 24 24\" aria-hidden=\"true\" role=\"img\">{icon}</svg>");
}
