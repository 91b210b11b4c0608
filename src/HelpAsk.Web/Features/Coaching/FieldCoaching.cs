using HelpAsk.Core.Analysis;

namespace HelpAsk.Web.Features.Coaching;

/// <summary>
/// The findings in one coached field, as the coach shows them. What shows them (<see cref="FieldCoachingView"/>)
/// re-renders itself when they change, so a keystroke re-renders what shows that field, not the page.
/// </summary>
public sealed class FieldCoaching(string key, string label)
{
    public string Key => key;

    public string Label => label;

    public IReadOnlyList<PitfallFinding> Findings { get; private set; } = [];

    /// <summary>The text the findings were found in (their offsets are into it).</summary>
    public string Text { get; private set; } = "";

    public event Action? Changed;

    public void Show(string text, IReadOnlyList<PitfallFinding> findings)
    {
        Text = text;
        Findings = findings;
        Changed?.Invoke();
    }
}
