using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace HelpAsk.Web.Features.Shell;

/// <summary>
/// MudTextField's outlined markup and classes without the component (and without the MudForm its check needs): a
/// component is state and two render-tree builders that every open circuit keeps, and a MudTextField with its form was
/// about 50 KB of a composer circuit. The field shows its helper text, or the problem it is given in its place (what a
/// service's <c>Outcome</c> said about it), with the label <c>for</c> the input and <c>aria-invalid</c> and
/// <c>aria-describedby</c> on it.
/// </summary>
public static class OutlinedField
{
    /// <summary>
    /// A one-line text input. Each keystroke sends the whole value to <paramref name="changed"/>, in order, and
    /// <paramref name="owner"/> renders again; Blazor takes the value the browser reported as the one rendered (as for
    /// <c>@bind</c>), so a render on its way never writes an older value back over newer typing.
    /// </summary>
    public static RenderFragment Text(IHandleEvent owner, string id, string label, string value, Action<string> changed,
        string? problem = null, string? helper = null, string? placeholder = null, int? maxLength = null, string type = "text",
        string? classes = null)
    {
        ArgumentNullException.ThrowIfNull(changed);
        var onInput = EventCallback.Factory.Create<ChangeEventArgs>(owner, e => changed(e.Value as string ?? string.Empty));
        return Around(id, label, shrink: value.Length > 0 || placeholder is not null, helper, problem, builder =>
        {
            builder.OpenElement(0, "input");
            builder.AddAttribute(1, "type", type);
            builder.AddAttribute(2, "id", id);
            builder.AddAttribute(3, "class", "mud-input-slot mud-input-root mud-input-root-outlined");
            builder.AddAttribute(4, "value", value);
            builder.AddAttribute(5, "placeholder", placeholder);
            builder.AddAttribute(6, "maxlength", maxLength);
            builder.AddAttribute(7, "aria-invalid", problem is null ? "false" : "true");
            builder.AddAttribute(8, "aria-describedby", DescribedBy(id, helper, problem));
            builder.AddAttribute(9, "oninput", onInput);
            // As @bind does: the value each keystroke reports becomes the value this frame rendered, so the next render
            // sends nothing back unless the page changed it. Without it, a render made for an earlier key set the
            // field back to that key's value while later ones were on their way (keys lost at 100 ms each way).
            builder.SetUpdatesAttributeName("value");
            builder.CloseElement();
        }, classes);
    }

    /// <summary>
    /// The outline, floating label and helper text around an input the caller writes (with <paramref name="id"/>, and
    /// <see cref="DescribedBy"/> as its <c>aria-describedby</c>). <paramref name="shrink"/>: the label sits above the
    /// outline (the field has a value or a placeholder).
    /// </summary>
    public static RenderFragment Around(string id, string label, bool shrink, string? helper, string? problem, RenderFragment input, string? classes = null) => builder =>
    {
        var error = problem is null ? "" : " mud-input-error";
        builder.OpenElement(0, "div");
        builder.AddAttribute(1, "class", $"mud-input-control{error} mud-input-outlined-with-label mud-input-input-control mud-input-sizing-fixed{(classes is null ? "" : " " + classes)}");
        builder.OpenElement(2, "div");
        builder.AddAttribute(3, "class", "mud-input-control-input-container");
        builder.OpenElement(4, "div");
        builder.AddAttribute(5, "class", $"mud-input mud-input-outlined mud-input-outlined-with-label{(shrink ? " mud-shrink" : "")}{error} mud-typography-subtitle1 mud-input-sizing-fixed");
        builder.AddContent(6, input);
        builder.OpenElement(7, "fieldset");
        builder.AddAttribute(8, "class", "mud-input-outlined-border");
        builder.OpenElement(9, "legend");
        builder.AddContent(10, label);
        builder.CloseElement();
        builder.CloseElement();
        builder.CloseElement();
        builder.OpenElement(11, "label");
        builder.AddAttribute(12, "class", $"mud-input-label mud-input-label-animated mud-input-label-outlined{error} mud-input-label-inputcontrol");
        builder.AddAttribute(13, "for", id);
        builder.AddContent(14, label);
        builder.CloseElement();
        builder.CloseElement();
        if (problem is not null || helper is not null)
        {
            builder.OpenElement(15, "div");
            builder.AddAttribute(16, "class", "mud-input-control-helper-container px-2");
            builder.OpenElement(17, "div");
            builder.AddAttribute(18, "class", $"d-flex mud-input-helper-text{error}");
            builder.OpenElement(19, "div");
            builder.AddAttribute(20, "class", "me-auto");
            builder.AddAttribute(21, "id", DescribedBy(id, helper, problem));
            if (problem is not null)
            {
                builder.AddAttribute(22, "role", "alert");
            }

            builder.AddContent(23, problem ?? helper);
            builder.CloseElement();
            builder.CloseElement();
            builder.CloseElement();
        }

        builder.CloseElement();
    };

    /// <summary>The id of what describes the input: its problem, or else its helper text; null with neither.</summary>
    public static string? DescribedBy(string id, string? helper, string? problem) =>
        problem is not null ? $"{id}-error" : helper is not null ? $"{id}-helper" : null;
}
