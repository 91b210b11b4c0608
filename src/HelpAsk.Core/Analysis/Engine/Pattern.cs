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

internal readonly record struct Step(StepKind Kind, int[] Ids, bool Negated, byte Min, byte Max)
{
    public bool Accepts(in Token token) => Kind switch
    {
        StepKind.Words => token.IsWord && (Array.IndexOf(Ids, token.Id) >= 0) != Negated,
        StepKind.Any => token.Id != Vocabulary.Boundary,
        StepKind.Name => token.Capitalized && token.Id == Vocabulary.Other,
        _ => false,
    };
}

/// <summary>One linear token pattern, compiled from a rule's pattern text.</summary>
internal sealed class Pattern(int ruleIndex, Step[] steps, IReadOnlyList<Suggestion>? suggestions, bool isException, string source, string? tag = null, IReadOnlyList<MessageKind>? appliesTo = null)
{
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

    /// <summary>Where a match starting at <paramref name="start"/> ends (exclusive), or -1.</summary>
    public int MatchAt(ReadOnlySpan<Token> tokens, int start) => Match(0, tokens, start);

    /// <summary>Where a match ends if steps before <paramref name="step"/> matched up to <paramref name="position"/>, or -1.</summary>
    public int MatchFrom(int step, ReadOnlySpan<Token> tokens, int position) => Match(step, tokens, position);

    private int Match(int s, ReadOnlySpan<Token> tokens, int p)
    {
        if (s == Steps.Length)
        {
            return p;
        }

        ref readonly var step = ref Steps[s];
        switch (step.Kind)
        {
            case StepKind.SentenceStart:
                return p == 0 || !tokens[p - 1].IsWord ? Match(s + 1, tokens, p) : -1;
            case StepKind.ClauseEnd:
                return p == tokens.Length || !tokens[p].IsWord ? Match(s + 1, tokens, p) : -1;
            case StepKind.Any:
                // Gaps match as little as they can, so a match never runs further than it needs.
                for (var k = 0; k <= step.Max; k++)
                {
                    if (k >= step.Min)
                    {
                        var end = Match(s + 1, tokens, p + k);
                        if (end >= 0)
                        {
                            return end;
                        }
                    }

                    if (p + k >= tokens.Length || !step.Accepts(tokens[p + k]))
                    {
                        return -1;
                    }
                }

                return -1;
            default:
                // A word step takes its word when it can ("so sorry" rather than "sorry").
                var available = 0;
                while (available < step.Max && p + available < tokens.Length && step.Accepts(tokens[p + available]))
                {
                    available++;
                }

                for (var k = available; k >= step.Min; k--)
                {
                    var end = Match(s + 1, tokens, p + k);
                    if (end >= 0)
                    {
                        return end;
                    }
                }

                return -1;
        }
    }
}
