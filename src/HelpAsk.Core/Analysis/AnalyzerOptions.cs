namespace HelpAsk.Core.Analysis;

/// <summary>An occurrence the user chose to ignore: this rule, this wording, in this sentence.</summary>
public sealed record IgnoredOccurrence(string RuleId, string MatchedText, string Sentence);

/// <summary>A wording the user wants flagged under a rule, in addition to the built-in ones.</summary>
public sealed record PersonalPhrase(string RuleId, string Phrase);

/// <summary>The user's own choices: what never to flag, and what else to flag.</summary>
public sealed record AnalyzerOptions
{
    public static AnalyzerOptions Default { get; } = new();

    public IReadOnlySet<string> DisabledRules { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Phrases that are never flagged, whatever rule would match inside them.</summary>
    public IReadOnlyList<string> AllowedPhrases { get; init; } = [];

    public IReadOnlyList<PersonalPhrase> PersonalPhrases { get; init; } = [];

    public IReadOnlyList<IgnoredOccurrence> IgnoredOccurrences { get; init; } = [];

    internal bool IsPlain => DisabledRules.Count == 0 && AllowedPhrases.Count == 0 && PersonalPhrases.Count == 0 && IgnoredOccurrences.Count == 0;
}
