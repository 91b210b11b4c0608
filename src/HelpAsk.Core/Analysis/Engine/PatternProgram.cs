using System.Runtime.CompilerServices;

namespace HelpAsk.Core.Analysis.Engine;

/// <summary>
/// A set of patterns laid out for matching: every step of every pattern back to back in one array,
/// and every word set once in another. Matching a long text tries thousands of patterns; following a
/// pattern object to its step array and on to each step's own word array missed the processor's
/// cache at every hop, where these few contiguous arrays stay in it.
/// </summary>
internal sealed class PatternProgram
{
    private readonly CompiledStep[] steps;
    private readonly int[] firstStep;
    private readonly int[] words;

    // What a match of each pattern records, read without touching the pattern object.
    private readonly PatternHead[] heads;

    public PatternProgram(IReadOnlyList<Pattern> patterns)
    {
        Patterns = [.. patterns];
        heads = [.. patterns.Select(p => new PatternHead(p.Id, checked((short)p.RuleIndex), p.IsException))];
        firstStep = new int[Patterns.Length + 1];
        var allSteps = new List<CompiledStep>();
        var allWords = new List<int>();
        var wordSets = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var p = 0; p < Patterns.Length; p++)
        {
            firstStep[p] = allSteps.Count;
            foreach (var step in Patterns[p].Steps)
            {
                var key = string.Join(',', step.Ids);
                if (!wordSets.TryGetValue(key, out var start))
                {
                    start = allWords.Count;
                    wordSets.Add(key, start);
                    allWords.AddRange(step.Ids);
                }

                allSteps.Add(new CompiledStep(step.Kind, step.Negated, step.Min, step.Max, start, step.Ids.Length));
            }
        }

        firstStep[Patterns.Length] = allSteps.Count;
        steps = [.. allSteps];
        words = [.. allWords];
    }

    public Pattern[] Patterns { get; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Match MatchOf(int pattern, int start, int end)
    {
        var head = heads[pattern];
        return new Match(head.Id, head.Rule, head.IsException, start, end);
    }

    /// <summary>
    /// Where a match of pattern <paramref name="pattern"/> ends (exclusive), or -1, when its steps before
    /// <paramref name="step"/> matched the tokens up to <paramref name="position"/>.
    /// </summary>
    public int MatchFrom(int pattern, int step, ReadOnlySpan<Token> tokens, int position) =>
        Match(firstStep[pattern] + step, firstStep[pattern + 1], tokens, position);

    private int Match(int s, int last, ReadOnlySpan<Token> tokens, int p)
    {
        if (s == last)
        {
            return p;
        }

        var step = steps[s];
        switch (step.Kind)
        {
            case StepKind.SentenceStart:
                return p == 0 || !tokens[p - 1].IsWord ? Match(s + 1, last, tokens, p) : -1;
            case StepKind.ClauseEnd:
                return p == tokens.Length || !tokens[p].IsWord ? Match(s + 1, last, tokens, p) : -1;
            case StepKind.Any:
                // Gaps match as little as they can, so a match never runs further than it needs.
                for (var k = 0; k <= step.Max; k++)
                {
                    if (k >= step.Min)
                    {
                        var end = Match(s + 1, last, tokens, p + k);
                        if (end >= 0)
                        {
                            return end;
                        }
                    }

                    if (p + k >= tokens.Length || tokens[p + k].Id == Vocabulary.Boundary)
                    {
                        return -1;
                    }
                }

                return -1;
            default:
                // A word step takes its word when it can ("so sorry" rather than "sorry").
                var available = 0;
                while (available < step.Max && p + available < tokens.Length && Accepts(step, tokens[p + available]))
                {
                    available++;
                }

                for (var k = available; k >= step.Min; k--)
                {
                    var end = Match(s + 1, last, tokens, p + k);
                    if (end >= 0)
                    {
                        return end;
                    }
                }

                return -1;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Accepts(CompiledStep step, Token token) => step.Kind switch
    {
        StepKind.Words => token.IsWord && IsOneOf(token.Id, step) != step.Negated,
        StepKind.Name => token.Capitalized && token.Id == Vocabulary.Other,
        _ => false,
    };

    // Most sets hold one word or a few: compared in place, the vectorised search only pays off for long ones.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool IsOneOf(int id, CompiledStep step)
    {
        if (step.WordsCount > 8)
        {
            return words.AsSpan(step.WordsStart, step.WordsCount).Contains(id);
        }

        for (var k = step.WordsStart; k < step.WordsStart + step.WordsCount; k++)
        {
            if (words[k] == id)
            {
                return true;
            }
        }

        return false;
    }

    private readonly record struct PatternHead(int Id, short Rule, bool IsException);

    private readonly record struct CompiledStep(StepKind Kind, bool Negated, byte Min, byte Max, int WordsStart, int WordsCount);
}
