namespace HelpAsk.Core.Analysis.Engine;

/// <summary>A set of patterns, indexed for matching: by leading words in a trie, and those that begin with a name.</summary>
internal sealed class PatternIndex
{
    private readonly PatternProgram program;
    private readonly PatternTrie trie;
    private readonly int[] startingWithName;
    private readonly Lookahead[] afterName;

    [ThreadStatic]
    private static int[]? candidateBuffer;

    public PatternIndex(int vocabularySize, IReadOnlyList<Pattern> patterns)
    {
        program = new PatternProgram(patterns);
        var byName = Enumerable.Range(0, patterns.Count)
            .ToLookup(p => patterns[p].Steps.First(s => s.Kind != StepKind.SentenceStart).Kind == StepKind.Name);
        startingWithName = [.. byName[true]];
        afterName = [.. startingWithName.Select(p => Lookahead.For(patterns[p].Steps, Array.FindIndex(patterns[p].Steps, s => s.Kind == StepKind.Name) + 1))];
        trie = new PatternTrie(vocabularySize, program, byName[false]);
    }

    /// <summary>Every match of an enabled rule that starts at a token in [from, to).</summary>
    public void FindMatches(List<Token> tokenList, int from, int to, bool[] enabledRules, List<Match> matches)
    {
        var tokens = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(tokenList);
        var candidates = CandidateBuffer(to - from);
        var count = trie.ListCandidates(tokens, from, to, candidates);
        foreach (var candidate in candidates[..count])
        {
            var i = candidate >> 1;
            if (tokens[i].Id == Vocabulary.Other)
            {
                MatchNamesAt(tokens, i, enabledRules, matches);
            }
            else if ((candidate & 1) != 0 || trie.EntriesMayMatch(tokens, i))
            {
                trie.MatchAt(tokens, i, enabledRules, matches);
            }
        }
    }

    // Per thread and reused. Not stackalloc: a method that allocates on the stack is compiled once,
    // without profile-guided optimization, which made short texts 2% slower.
    private static Span<int> CandidateBuffer(int length)
    {
        if (candidateBuffer is null || candidateBuffer.Length < length)
        {
            candidateBuffer = new int[Math.Max(length, 256)];
        }

        return candidateBuffer;
    }

    private void MatchNamesAt(ReadOnlySpan<Token> tokens, int i, bool[] enabledRules, List<Match> matches)
    {
        for (var k = 0; k < startingWithName.Length; k++)
        {
            var pattern = startingWithName[k];
            var end = enabledRules[program.RuleOf(pattern)] && afterName[k].Admits(tokens, i + 1) ? program.MatchFrom(pattern, 0, tokens, i) : -1;
            if (end > i)
            {
                matches.Add(program.MatchOf(pattern, i, end));
            }
        }
    }
}
