using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;
using HelpAsk.Core.Analysis.Engine;

namespace HelpAsk.Core.Analysis;

/// <summary>A rule as the catalog describes it: for listings, documentation and the UI.</summary>
public sealed record RuleDescription(
    string Id,
    FindingKind Kind,
    FindingSeverity Severity,
    IReadOnlyList<MessageKind> AppliesTo,
    string Message,
    string Why,
    IReadOnlyList<Suggestion> Suggestions,
    IReadOnlyList<string> FlaggedExamples,
    IReadOnlyList<string> FineExamples);

/// <summary>
/// The rules, loaded from the catalog data file (<c>Analysis/Catalog/rules.json</c>, embedded in the
/// assembly) and compiled once into token patterns.
/// </summary>
public sealed partial class RuleCatalog
{
    private const string ResourceName = "HelpAsk.Core.Analysis.Catalog.rules.json";

    // Words the analyzer's code counts itself (pronoun balance, negation, "thank you").
    private static readonly string[] FirstPerson = ["i", "me", "my", "mine", "myself"];
    private static readonly string[] SecondPerson = ["you", "your", "yours", "yourself", "yourselves"];
    private static readonly string[] Negations = ["not", "never", "without", "hardly"];
    private const string Thank = "thank";

    private static readonly Lazy<RuleCatalog> BuiltIn = new(() => Load(OpenBuiltIn()));

    private RuleCatalog(Vocabulary vocabulary, IReadOnlyList<CompiledRule> rules, IReadOnlyList<Pattern> patterns)
    {
        Vocabulary = vocabulary;
        Rules = rules;
        AllPatterns = patterns;
        // Context-only rules (what counts as a concrete ask, say) are matched on demand, near the
        // findings that need them, so ordinary text never pays for them (ContextPatternsOf).
        Patterns = new PatternIndex(vocabulary.Count, [.. patterns.Where(p => rules[p.RuleIndex].Reported)]);
        contextPatternsByRule = [.. rules.Select((rule, index) => rule.Reported ? null
            : new PatternIndex(vocabulary.Count, [.. patterns.Where(p => p.RuleIndex == index)], rare: true))];
        ById = rules.Select((r, i) => (r.Description.Id, i)).ToFrozenDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        FirstPersonIds = [.. FirstPerson.Select(vocabulary.IdOf)];
        SecondPersonIds = [.. SecondPerson.Select(vocabulary.IdOf)];
        NegationIds = [.. Negations.Select(vocabulary.IdOf)];
        ThankId = vocabulary.IdOf(Thank);
        AllRules = [.. rules.Select(_ => true)];
        kindsOf = [.. patterns.Select(p => (byte)KindBits.Of(p.AppliesTo ?? [MessageKind.Request, MessageKind.Thanks]))];
        suggestionsOf = [.. patterns.Select(p => p.Suggestions)];
        var byId = rules.Select(r => r.Description.Id).Order(StringComparer.Ordinal).ToList();
        IdRank = [.. rules.Select(r => checked((byte)byId.IndexOf(r.Description.Id)))];
    }

    public static RuleCatalog Default => BuiltIn.Value;

    public IReadOnlyList<RuleDescription> Descriptions => [.. Rules.Where(r => r.Reported).Select(r => r.Description)];

    /// <summary>Every compiled pattern, reported or context-only: for the benchmarks' statistics.</summary>
    internal IReadOnlyList<Pattern> AllPatterns { get; }
    internal Vocabulary Vocabulary { get; }
    internal IReadOnlyList<CompiledRule> Rules { get; }
    internal PatternIndex Patterns { get; }

    // By rule index, a context-only rule's own patterns (null for a reported rule): walking a long text on every
    // context-only rule's trie to answer for one rule was a seventh of its analysis. Built with the catalog, as the one
    // trie of them all was: built on first use, several threads checking side by side each built their own.
    private readonly PatternIndex?[] contextPatternsByRule;

    /// <summary>A context-only rule's own patterns, indexed on their own; null for a reported rule, which has none here.</summary>
    internal PatternIndex? ContextPatternsOf(int rule) => contextPatternsByRule[rule];

    internal FrozenDictionary<string, int> ById { get; }
    internal int[] FirstPersonIds { get; }
    internal int[] SecondPersonIds { get; }
    internal int[] NegationIds { get; }
    internal int ThankId { get; }

    // By pattern id, what reporting reads of every match, in small flat arrays rather than behind
    // each of 2,000 pattern objects.
    private readonly byte[] kindsOf;
    private readonly IReadOnlyList<Suggestion>?[] suggestionsOf;

    /// <summary>Whether a match's pattern holds for this kind of message (a user's own phrase always does).</summary>
    internal bool HoldsFor(Match match, MessageKind kind) => match.Pattern < 0 || KindBits.Has(kindsOf[match.Pattern], kind);

    /// <summary>The match's own suggestions, when its pattern has any rather than its rule's.</summary>
    internal IReadOnlyList<Suggestion>? SuggestionsOf(Match match) => match.Pattern < 0 ? null : suggestionsOf[match.Pattern];

    internal string? TagOf(Match match) => match.Pattern < 0 ? null : AllPatterns[match.Pattern].Tag;

    internal bool Defines(string ruleId) => ById.ContainsKey(ruleId);

    /// <summary>Every rule runs: for a context-only rule's walk on its own patterns.</summary>
    internal bool[] AllRules { get; }

    /// <summary>Each rule's place when rules are ordered by id, by rule index: how findings at one position are ordered.</summary>
    internal byte[] IdRank { get; }

    public static Stream OpenBuiltIn() =>
        typeof(RuleCatalog).Assembly.GetManifestResourceStream(ResourceName)
        ?? throw new InvalidOperationException($"The rule catalog {ResourceName} is not embedded.");

    /// <exception cref="FormatException">The catalog or one of its patterns is malformed.</exception>
    public static RuleCatalog Load(Stream json)
    {
        var file = JsonSerializer.Deserialize(json, CatalogJson.Default.CatalogFile)
            ?? throw new FormatException("The rule catalog is empty.");
        var vocabulary = new Vocabulary();
        foreach (var (surface, meaning) in file.Forms)
        {
            vocabulary.AddForm(surface, meaning);
        }

        var compiler = new PatternCompiler(vocabulary, file.Classes);
        var rules = new List<CompiledRule>();
        var patterns = new List<Pattern>();
        foreach (var rule in file.Rules)
        {
            var index = rules.Count;
            var suggestions = (rule.Suggestions ?? []).Select(s => new Suggestion(s.Replacement, s.Label)).ToArray();
            foreach (var entry in rule.Patterns ?? [])
            {
                var entrySuggestions = entry.Suggest?.Select(s => new Suggestion(s.Replacement, s.Label)).ToArray();
                Compile(patterns, compiler, entry.Match, index, entrySuggestions, isException: false, entry.Tag, entry.AppliesTo);
            }

            foreach (var exception in rule.Exceptions ?? [])
            {
                Compile(patterns, compiler, exception, index, null, isException: true);
            }

            rules.Add(new CompiledRule(
                new RuleDescription(
                    rule.Id, rule.Kind, rule.Severity, rule.AppliesTo ?? [MessageKind.Request, MessageKind.Thanks], rule.Message ?? "", rule.Why ?? "", suggestions,
                    rule.Examples?.Flagged ?? [], rule.Examples?.Fine ?? []),
                rule.Reported, rule.Negatable, Math.Max(1, rule.MinCount), rule.NotWith ?? []));
        }

        var ids = rules.Select(r => r.Description.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            if (rule.NotWith.FirstOrDefault(id => !ids.Contains(id)) is { } unknown)
            {
                throw new FormatException($"Rule \"{rule.Description.Id}\": notWith names no rule of this catalog: \"{unknown}\".");
            }
        }

        // Words that only the analyzer's code counts (pronouns, negations) need ids too.
        foreach (var word in FirstPerson.Concat(SecondPerson).Concat(Negations).Append(Thank))
        {
            vocabulary.Intern(word);
        }

        vocabulary.Freeze();
        return new RuleCatalog(vocabulary, rules, patterns);
    }

    private static void Compile(
        List<Pattern> patterns, PatternCompiler compiler, string source, int ruleIndex, IReadOnlyList<Suggestion>? suggestions, bool isException, string? tag = null, IReadOnlyList<MessageKind>? appliesTo = null)
    {
        foreach (var steps in compiler.Compile(source))
        {
            patterns.Add(new Pattern(patterns.Count, ruleIndex, steps, suggestions, isException, source, tag, appliesTo));
        }
    }

    // Source-generated: no reflection at start-up, which a command-line check pays for on every run.
    [JsonSourceGenerationOptions(
        PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Converters = [typeof(KebabCaseEnumConverter<FindingKind>), typeof(KebabCaseEnumConverter<FindingSeverity>), typeof(KebabCaseEnumConverter<MessageKind>), typeof(PatternEntryConverter)])]
    [JsonSerializable(typeof(CatalogFile))]
    private sealed partial class CatalogJson : JsonSerializerContext;

    private sealed class KebabCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.KebabCaseLower)
        where TEnum : struct, Enum;

    private sealed record CatalogFile(
        Dictionary<string, string> Classes,
        Dictionary<string, string> Forms,
        List<RuleEntry> Rules);

    private sealed record RuleEntry(
        string Id,
        FindingKind Kind,
        FindingSeverity Severity,
        List<MessageKind>? AppliesTo,
        string? Message,
        string? Why,
        List<SuggestionEntry>? Suggestions,
        List<PatternEntry>? Patterns,
        List<string>? Exceptions,
        ExampleEntry? Examples,
        bool Reported = true,
        bool Negatable = false,
        int MinCount = 1,
        List<string>? NotWith = null);

    private sealed record SuggestionEntry(string Replacement, string Label);

    private sealed record PatternEntry(string Match, List<SuggestionEntry>? Suggest, string? Tag, List<MessageKind>? AppliesTo);

    private sealed record ExampleEntry(List<string> Flagged, List<string> Fine);

    /// <summary>A pattern is a plain string, or an object with its own suggestions.</summary>
    private sealed class PatternEntryConverter : JsonConverter<PatternEntry>
    {
        public override PatternEntry Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.String)
            {
                return new PatternEntry(reader.GetString()!, null, null, null);
            }

            using var document = JsonDocument.ParseValue(ref reader);
            var match = document.RootElement.GetProperty("match").GetString()!;
            var suggest = document.RootElement.TryGetProperty("suggest", out var list)
                ? list.Deserialize(CatalogJson.Default.ListSuggestionEntry)
                : null;
            var tag = document.RootElement.TryGetProperty("tag", out var tagValue) ? tagValue.GetString() : null;
            var appliesTo = document.RootElement.TryGetProperty("appliesTo", out var kinds) ? kinds.Deserialize(CatalogJson.Default.ListMessageKind) : null;
            return new PatternEntry(match, suggest, tag, appliesTo);
        }

        public override void Write(Utf8JsonWriter writer, PatternEntry value, JsonSerializerOptions options) =>
            throw new NotSupportedException();
    }
}

/// <summary>
/// A rule with what the engine needs beyond its description; <paramref name="NotWith"/>: the rules whose finding in the
/// same message withdraws this one (a strength not credited where a pitfall says the opposite of it).
/// </summary>
internal sealed record CompiledRule(RuleDescription Description, bool Reported, bool Negatable, int MinCount, IReadOnlyList<string> NotWith)
{
    // Read for every rule of every analysis, where a search of the list cost an interface call.
    private readonly int kinds = KindBits.Of(Description.AppliesTo);

    public bool AppliesTo(MessageKind kind) => KindBits.Has(kinds, kind);
}

/// <summary>Kinds of message as a bit each, so that whether a kind is among them is one test, not a search of a list.</summary>
internal static class KindBits
{
    public static int Of(IEnumerable<MessageKind> kinds) => kinds.Aggregate(0, (bits, kind) => bits | Bit(kind));

    public static bool Has(int bits, MessageKind kind) => (bits & Bit(kind)) != 0;

    private static int Bit(MessageKind kind) => 1 << (int)kind;
}
