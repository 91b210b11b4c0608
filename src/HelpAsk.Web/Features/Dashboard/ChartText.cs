using System.Net;

namespace HelpAsk.Web.Features.Dashboard;

/// <summary>
/// Labels for MudBlazor's axis charts (bar, line). MudBlazor 9 writes their axis labels into the SVG as raw markup
/// (its legends, tooltips and pie or donut labels are text), so a helper named <c>&lt;img onerror=…&gt;</c> would
/// run as script. Every axis label goes through here and arrives as text. The browser test
/// (PageSafetyTests.Helper_names_with_markup_are_shown_as_text_on_every_chart_and_never_run) shows payloads literally, so a MudBlazor that escaped them itself would show up there as "&amp;lt;".
/// </summary>
public static class ChartText
{
    public static string[] AxisLabels(IEnumerable<string> labels) => [.. labels.Select(label => WebUtility.HtmlEncode(label) ?? "")];

    /// <summary>A y-axis tick interval that fits the values: about five ticks, whole numbers, 0–2 for a 2 (not 0–20).</summary>
    public static int YAxisTicks(IEnumerable<double> values)
    {
        var highest = values.DefaultIfEmpty(0).Max();
        return Math.Max(1, (int)Math.Ceiling(highest / 5));
    }
}
