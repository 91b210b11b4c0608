using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Components;

namespace HelpAsk.Web.Features.Shell;

/// <summary>
/// MudButton's classes, for plain <c>button</c> and <c>a</c> elements that look like one without being a component
/// that every open circuit keeps (see <see cref="SvgIcon"/>). Disabled is the element's own <c>disabled</c>.
/// </summary>
public static class ButtonClasses
{
    public const string Filled = "mud-button-root mud-button mud-button-filled mud-button-filled-primary mud-button-filled-size-medium mud-ripple";

    public const string Text = "mud-button-root mud-button mud-button-text mud-button-text-default mud-button-text-size-medium mud-ripple";

    public const string SmallText = "mud-button-root mud-button mud-button-text mud-button-text-default mud-button-text-size-small mud-ripple";

    public const string SmallOutlined = "mud-button-root mud-button mud-button-outlined mud-button-outlined-primary mud-button-outlined-size-small mud-ripple";

    // Each label one markup string for the process: a render tree keeps one frame for it instead of one per element.
    private static readonly ConcurrentDictionary<(string Text, string Icon, bool IconFirst), MarkupString> Labels = new();

    /// <summary>A button's label with its icon before (or after) the text, as MudButton's start (end) icon draws it.</summary>
    public static MarkupString Label(string text, string icon, bool iconFirst = true) => Labels.GetOrAdd((text, icon, iconFirst), static key => new(key.IconFirst
        ? $"<span class=\"mud-button-label\"><span class=\"mud-button-icon-start mud-button-icon-size-medium\">{SvgIcon.Of(key.Icon).Value}</span>{WebUtility.HtmlEncode(key.Text)}</span>"
        : $"<span class=\"mud-button-label\">{WebUtility.HtmlEncode(key.Text)}<span class=\"mud-button-icon-end mud-button-icon-size-medium\">{SvgIcon.Of(key.Icon).Value}</span></span>"));
}
