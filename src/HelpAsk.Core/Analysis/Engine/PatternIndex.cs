namespace HelpAsk.Core.Analysis.Engine;

/// <summary>A set of patterns, indexed for matching: by leading words in a trie, and those that begin with a name.</summary>
internal sealed class PatternIndex
{
    private readonly PatternProgram program;
    private readonly PatternTrie trie;
    private readonly int[] startingWithName;
    private readonly Lookahead[] afterName;

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
        for (var i = from; i < to; i++)
        {
            var token = tokens[i];
            if (token.Id == Vocabulary.Other)
            {
                if (token.Capitalized)
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
            else if (token.IsWord && trie.MayMatchAt(tokens, i))
            {
                trie.MatchAt(tokens, i, enabledRules, matches);
            }
        }
    }
}
