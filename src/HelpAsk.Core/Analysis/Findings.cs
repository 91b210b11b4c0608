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

public enum Severity
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
    Severity Severity,
    int Start,
    int Length,
    string Text,
    string Message,
    string Why,
    IReadOnlyList<Suggestion> Suggestions)
{
    public int End => Start + Length;
}
