namespace HelpAsk.Core.Analysis.Engine;

/// <summary>Everything the context checks may look at: the text, its tokens, and every pattern match.</summary>
internal sealed class MatchContext
{
    private readonly List<Match>[] matchesByRule;
    private readonly List<Match>[] exceptionsByRule;

    /// <param name="matchesByRule">Lists to group the matches in, one a rule; reused from call to call.</param>
    /// <param name="exceptionsByRule">Likewise for the exception matches.</param>
    public MatchContext(string text, List<Token> tokens, List<Match> matches, RuleCatalog catalog, List<Match>[] matchesByRule, List<Match>[] exceptionsByRule)
    {
        Text = text;
        Tokens = tokens;
        Catalog = catalog;
        this.matchesByRule = matchesByRule;
        this.exceptionsByRule = exceptionsByRule;
        foreach (var list in matchesByRule)
        {
            list.Clear();
        }

        foreach (var list in exceptionsByRule)
        {
            list.Clear();
        }

        foreach (var match in matches)
        {
            var lists = match.IsException ? exceptionsByRule : matchesByRule;
            lists[match.Rule].Add(match);
        }
    }

    public string Text { get; }
    public List<Token> Tokens { get; }
    public RuleCatalog Catalog { get; }

    public List<Match> MatchesOf(int ruleIndex) => matchesByRule[ruleIndex];

    /// <summary>Whether the rule's patterns or its harmless-use exceptions matched anywhere: the rules looked here.</summary>
    public bool RuleLooked(int ruleIndex) => matchesByRule[ruleIndex].Count > 0 || exceptionsByRule[ruleIndex].Count > 0;

    // Whole-text context matches, by rule id: the checks that read the whole message ("does it ask anywhere?", "is it a
    // notice?") run once per match they judge, and a long text has hundreds of matches. Callers do not change the lists.
    private Dictionary<string, List<Match>>? wholeText;

    /// <summary>Matches of a context-only rule starting at tokens in [from, to), found on demand.</summary>
    public List<Match> ContextMatches(string ruleId, int from = 0, int to = int.MaxValue)
    {
        if (from <= 0 && to >= Tokens.Count)
        {
            wholeText ??= new(StringComparer.Ordinal);
            if (!wholeText.TryGetValue(ruleId, out var all))
            {
                all = [];
                Catalog.ContextPatterns.FindMatches(Tokens, 0, Tokens.Count, Catalog.OnlyRule(ruleId), all);
                wholeText[ruleId] = all;
            }

            return all;
        }

        var found = new List<Match>();
        Catalog.ContextPatterns.FindMatches(Tokens, Math.Max(0, from), Math.Min(to, Tokens.Count), Catalog.OnlyRule(ruleId), found);
        return found;
    }

    public bool IsCancelledByException(Match match) => match.OverlapsAny(exceptionsByRule[match.Rule]);

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
