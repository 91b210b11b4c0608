namespace HelpAsk.Core.Analysis.Engine;

/// <summary>A set of patterns, indexed for matching by their leading words (a name counting as the unknown word) in a trie.</summary>
internal sealed class PatternIndex
{
    private readonly PatternTrie trie;

    [ThreadStatic]
    private static int[]? candidateBuffer;

    // Few patterns (one context-only rule's): candidates are rare, and passing over the rest with a branch is cheaper.
    private readonly bool rare;

    public PatternIndex(int vocabularySize, IReadOnlyList<Pattern> patterns, bool rare = false)
    {
        trie = new PatternTrie(vocabularySize, new PatternProgram(patterns), Enumerable.Range(0, patterns.Count));
        this.rare = rare;
    }

    /// <summary>
    /// Every match of an enabled rule that starts at a token in [from, to). <paramref name="separators"/>, when given: the
    /// index of every boundary and clause punctuation token, in order, so that patterns all anchored to a sentence's or
    /// clause's start are tried only after one (and at the first token), not looked for at every token.
    /// </summary>
    public void FindMatches(List<Token> tokenList, int from, int to, bool[] enabledRules, List<Match> matches, List<int>? separators = null)
    {
        var tokens = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(tokenList);
        var candidates = CandidateBuffer(to - from);
        var count = trie.OnlyAnchored && separators is not null ? trie.ListAnchoredCandidates(tokens, from, to, separators, candidates)
            : rare ? trie.ListRareCandidates(tokens, from, to, candidates)
            : trie.ListCandidates(tokens, from, to, candidates);
        // Only for the main trie: a context-only rule's trie is small and its candidates few, so its reads stay cached.
        if (!rare)
        {
            trie.Prefetch(tokens, candidates[..count]);
        }

        foreach (var candidate in candidates[..count])
        {
            var i = candidate >> 1;
            var goesOn = tokens[i].Id == Vocabulary.Other || (candidate & 1) != 0;
            if (goesOn || trie.EntriesMayMatch(tokens, i))
            {
                trie.MatchAt(tokens, i, goesOn, enabledRules, matches);
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
}
