namespace HelpAsk.Core.Analysis.Engine;

/// <summary>
/// Indexes patterns by their leading words, so that at each token only the patterns whose first
/// words actually follow are tried: one array lookup and a short walk instead of dozens of attempts.
/// </summary>
internal sealed class PatternTrie
{
    // A prefix whose word sets multiply beyond this is indexed only as deep as it stays small.
    private const int MaxPrefixCombinations = 64;
    private const int MaxPrefixDepth = 4;

    private readonly Node?[] roots;

    public PatternTrie(int vocabularySize, IEnumerable<Pattern> patterns)
    {
        roots = new Node?[vocabularySize];
        foreach (var pattern in patterns)
        {
            Add(pattern);
        }
    }

    /// <summary>Every pattern that matches starting at token <paramref name="start"/>.</summary>
    public void MatchAt(ReadOnlySpan<Token> tokens, int start, bool[] enabledRules, List<Match> matches)
    {
        var node = roots[tokens[start].Id];
        var position = start + 1;
        while (node is not null)
        {
            if (node.Entries is { } entries)
            {
                foreach (var (pattern, nextStep, anchored) in entries)
                {
                    if (anchored && start > 0 && tokens[start - 1].IsWord)
                    {
                        continue;
                    }

                    if (!enabledRules[pattern.RuleIndex])
                    {
                        continue;
                    }

                    var end = pattern.MatchFrom(nextStep, tokens, position);
                    if (end > start)
                    {
                        matches.Add(new Match(pattern, start, end));
                    }
                }
            }

            if (node.Children is null || position >= tokens.Length || !tokens[position].IsWord)
            {
                return;
            }

            node = node.Children.GetValueOrDefault(tokens[position].Id);
            position++;
        }
    }

    private void Add(Pattern pattern)
    {
        var steps = pattern.Steps;
        var first = 0;
        var anchored = false;
        if (steps[0].Kind == StepKind.SentenceStart)
        {
            anchored = true;
            first = 1;
        }

        foreach (var (path, nextStep) in Prefixes(steps, first, [], 1))
        {
            var node = roots[path[0]] ??= new Node();
            foreach (var id in path.Skip(1))
            {
                node.Children ??= [];
                if (!node.Children.TryGetValue(id, out var child))
                {
                    child = new Node();
                    node.Children.Add(id, child);
                }

                node = child;
            }

            (node.Entries ??= []).Add((pattern, nextStep, anchored));
        }
    }

    /// <summary>
    /// The word paths a pattern can begin with, and the step to go on from: single-word steps are
    /// followed as deep as the combinations stay few, and an optional word branches (taken, or not).
    /// </summary>
    private static IEnumerable<(int[] Path, int NextStep)> Prefixes(Step[] steps, int step, int[] path, int combinations)
    {
        // The first word is always indexed, however many alternatives it has.
        var canExtend = step < steps.Length && path.Length < MaxPrefixDepth
            && steps[step] is { Kind: StepKind.Words, Negated: false, Max: 1 } next
            && (path.Length == 0 || combinations * next.Ids.Length <= MaxPrefixCombinations);
        if (!canExtend)
        {
            yield return (path, step);
            yield break;
        }

        var words = steps[step];
        foreach (var id in words.Ids)
        {
            foreach (var prefix in Prefixes(steps, step + 1, [.. path, id], combinations * words.Ids.Length))
            {
                yield return prefix;
            }
        }

        if (words.Min == 0)
        {
            foreach (var prefix in Prefixes(steps, step + 1, path, combinations))
            {
                yield return prefix;
            }
        }
    }

    private sealed class Node
    {
        public Dictionary<int, Node>? Children { get; set; }

        public List<(Pattern Pattern, int NextStep, bool Anchored)>? Entries { get; set; }
    }
}
