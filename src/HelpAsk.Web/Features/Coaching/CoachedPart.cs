namespace HelpAsk.Web.Features.Coaching;

/// <summary>
/// One coached text of a draft (a part of a request, an answer of a thank-you note): where it lives in the draft's
/// content, how the page asks for it, and on which step it is shown.
/// </summary>
public sealed record CoachedPart<TContent>(
    string Key,
    string Label,
    string Hint,
    string Placeholder,
    Func<TContent, string> Read,
    Func<TContent, string, TContent> Write,
    int MaxLength,
    int Rows = 3)
{
    /// <summary>The content's property, as validation names it.</summary>
    public string Property { get; init; } = "";

    /// <summary>The page's step that shows it (a page without steps has only step 0).</summary>
    public int Step { get; init; }
}
