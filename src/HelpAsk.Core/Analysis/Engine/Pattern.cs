namespace HelpAsk.Core.Analysis.Engine;

internal enum StepKind : byte
{
    /// <summary>A word from a set (or, negated, any word outside it).</summary>
    Words,

    /// <summary>Any word or clause punctuation, never a sentence boundary.</summary>
    Any,

    /// <summary>A capitalised word the rules do not know: most likely a name.</summary>
    Name,

    /// <summary>Zero-width: the start of the text, of a sentence or of a clause.</summary>
    SentenceStart,

    /// <summary>Zero-width: the end of the text, of a sentence or of a clause.</summary>
    ClauseEnd,
}

/// <summary>One step of a pattern as compiled; matching runs on <see cref="PatternProgram"/>'s flat copy.</summary>
internal readonly record struct Step(StepKind Kind, int[] Ids, bool Negated, byte Min, byte Max);

/// <summary>One linear token pattern, compiled from a rule's pattern text, with what a match of it reports.</summary>
internal sealed class Pattern(int id, int ruleIndex, Step[] steps, IReadOnlyList<Suggestion>? suggestions, bool isException, string source, string? tag = null, IReadOnlyList<MessageKind>? appliesTo = null)
{
    /// <summary>The pattern's place in <see cref="RuleCatalog.AllPatterns"/>, which a <see cref="Match"/> records.</summary>
    public int Id { get; } = id;

    public int RuleIndex { get; } = ruleIndex;
    public Step[] Steps { get; } = steps;
    public IReadOnlyList<Suggestion>? Suggestions { get; } = suggestions;

    /// <summary>An exception pattern cancels the rule's matches that overlap it ("sorry to hear").</summary>
    public bool IsException { get; } = isException;

    public string Source { get; } = source;

    /// <summary>A label the context checks look for (a "greeting" of a group ask, say).</summary>
    public string? Tag { get; } = tag;

    /// <summary>The kinds of message this pattern holds for, when fewer than its rule's; null: as the rule.</summary>
    public IReadOnlyList<MessageKind>? AppliesTo { get; } = appliesTo;
}
