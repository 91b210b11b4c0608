using HelpAsk.Core.Analysis;

namespace HelpAsk.Core.Domain;

/// <summary>One account's choices about the wording coach: what never to flag, and what else to flag.</summary>
public sealed class CoachingPreferences : IOwned
{
    public const int PhraseMaxLength = 200;

    public required string OwnerId { get; init; }
    public List<string> DisabledRules { get; set; } = [];
    public List<string> AllowedPhrases { get; set; } = [];
    public List<PersonalPhrase> PersonalPhrases { get; set; } = [];
    public List<IgnoredOccurrence> IgnoredOccurrences { get; set; } = [];

    public AnalyzerOptions ToAnalyzerOptions() => new()
    {
        DisabledRules = DisabledRules.ToHashSet(StringComparer.Ordinal),
        AllowedPhrases = [.. AllowedPhrases],
        PersonalPhrases = [.. PersonalPhrases],
        IgnoredOccurrences = [.. IgnoredOccurrences],
    };
}
