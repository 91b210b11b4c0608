using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components;

namespace HelpAsk.Web.Features.Shell;

/// <summary>
/// MudIcon's markup without the component, for plain markup that keeps MudBlazor's look: a component on a page is
/// state (and two render-tree builders) that every open circuit keeps. The icon is one of MudBlazor's <c>Icons</c>.
/// </summary>
public static class SvgIcon
{
    // One string per icon and classes for the whole process: a render tree keeps each markup string it rendered (twice,
    // the current and the previous render), and a string built on each call was about 14 KB of every composer circuit.
    // The keys are the code's own constants (MudBlazor's Icons and class lists), so the cache stays small.
    private static readonly ConcurrentDictionary<(string Icon, string Classes), MarkupString> Built = new();

    public static MarkupString Of(string icon, string classes = "mud-svg-icon mud-icon-size-medium") =>
        Built.GetOrAdd((icon, classes), static key => new(
            $"<svg class=\"mud-icon-root {key.Classes}\" focusable=\"false\" " +
            $"viewBox=\"0 0 24 24\" aria-hidden=\"true\" role=\"img\">{key.Icon}</svg>"));
}
