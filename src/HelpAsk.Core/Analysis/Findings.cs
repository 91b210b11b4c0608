namespace HelpAsk.Core.Analysis;

/// <summary>What a message is: a request for help, or a thank-you note after being helped.</summary>
public enum MessageKind
{
    Request,
    Thanks,
}

/// <summary>A pitfall weakens a request; a strength (a "reinforcement") makes people glad to help.</summary>
public enum FindingKind
{
    Pitfall,
    Strength,
}

/// <summary>How strongly a finding is shown (a name of its own: the web app also uses MudBlazor's <c>Severity</c>).</summary>
public enum FindingSeverity
{
    /// <summary>A strength, shown as encouragement.</summary>
    Positive,

    /// <summary>Worth a second look; often fine in context.</summary>
    Suggestion,

    /// <summary>Likely to make the helper less willing or less happy to help.</summary>
    Warning,
}

/// <summary>A better wording for a flagged span. An empty replacement deletes the span.</summary>
public sealed record Suggestion(string Replacement, string Label)
{
    public bool DeletesSpan => Replacement.Length == 0;
}

/// <summary>One pitfall or strength found in a message, located in the original text.</summary>
public sealed record PitfallFinding(
    string RuleId,
    FindingKind Kind,
    FindingSeverity Severity,
    int Start,
    int Length,
    string Text,
    string Message,
    string Why,
    IReadOnlyList<Suggestion> Suggestions)
{
    public int End => Start + Length;
}
