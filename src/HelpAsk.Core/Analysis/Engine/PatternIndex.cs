namespace HelpAsk.Core.Analysis.Engine;

/// <summary>A set of patterns, indexed for matching: by leading words in a trie, and those that begin with a name.</summary>
internal sealed class PatternIndex
{
    private readonly PatternTrie trie;
    private readonly Pattern[] startingWithName;

    public PatternIndex(int vocabularySize, IReadOnlyCollection<Pattern> patterns)
    {
        startingWithName = [.. patterns.Where(p => p.Steps.First(s => s.Kind != StepKind.SentenceStart).Kind == StepKind.Name)];
        trie = new PatternTrie(vocabularySize, patterns.Except(startingWithName));
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
                    foreach (var pattern in startingWithName)
                    {
                        var end = enabledRules[pattern.RuleIndex] ? pattern.MatchAt(tokens, i) : -1;
                        if (end > i)
                        {
                            matches.Add(new Match(pattern, i, end));
                        }
                    }
                }
            }
            else if (token.IsWord)
            {
                trie.MatchAt(tokens, i, enabledRules, matches);
            }
        }
    }
}
