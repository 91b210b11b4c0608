namespace HelpAsk.Core.Analysis.Engine;

/// <summary>Everything the context checks may look at: the text, its tokens, and every pattern match.</summary>
internal sealed class MatchContext(string text, List<Token> tokens, List<Match> matches, RuleCatalog catalog)
{
    public string Text { get; } = text;
    public List<Token> Tokens { get; } = tokens;
    public RuleCatalog Catalog { get; } = catalog;

    /// <summary>Matches of a rule (reported or context-only), by id.</summary>
    public IEnumerable<Match> MatchesOf(string ruleId) =>
        Catalog.ById.TryGetValue(ruleId, out var index)
            ? matches.Where(m => m.Pattern.RuleIndex == index && !m.Pattern.IsException)
            : [];

    public bool IsCancelledByException(Match match) =>
        matches.Any(e => e.Pattern.IsException && e.Pattern.RuleIndex == match.Pattern.RuleIndex && e.Overlaps(match));

    /// <summary>"not", "never", "no" shortly before the match, in the same clause.</summary>
    public bool IsNegated(Match match, int window)
    {
        for (var i = match.Start - 1; i >= 0 && i >= match.Start - window; i--)
        {
            var token = Tokens[i];
            if (!token.IsWord)
            {
                return false;
            }

            if (Array.IndexOf(Catalog.NegationIds, token.Id) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The token index where the sentence holding <paramref name="tokenIndex"/> ends (exclusive).</summary>
    public int SentenceEnd(int tokenIndex)
    {
        var i = tokenIndex;
        while (i < Tokens.Count && Tokens[i].Id != Vocabulary.Boundary)
        {
            i++;
        }

        return i;
    }

    public string SentenceAround(int position) => PitfallAnalyzer.SentenceAround(Text, position);

    public int Count(int[] ids, int from = 0, int to = int.MaxValue)
    {
        var count = 0;
        for (var i = from; i < Math.Min(to, Tokens.Count); i++)
        {
            if (Array.IndexOf(ids, Tokens[i].Id) >= 0)
            {
                count++;
            }
        }

        return count;
    }
}
