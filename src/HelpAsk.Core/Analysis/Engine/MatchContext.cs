namespace HelpAsk.Core.Analysis.Engine;

/// <summary>Everything the context checks may look at: the text, its tokens, and every pattern match.</summary>
internal sealed class MatchContext
{
    private readonly List<Match>[] matchesByRule;
    private readonly List<Match>[] exceptionsByRule;

    /// <param name="matchesByRule">Lists to group the matches in, one a rule; reused from call to call.</param>
    /// <param name="exceptionsByRule">Likewise for the exception matches.</param>
    /// <param name="contextByRule">Likewise for the context-only rules' matches, filled when a check first asks for them.</param>
    /// <param name="contextFound">A list to find those matches in, reused likewise.</param>
    public MatchContext(
        string text, List<Token> tokens, List<Match> matches, RuleCatalog catalog, List<Match>[] matchesByRule, List<Match>[] exceptionsByRule,
        List<Match>[] contextByRule, List<Match> contextFound)
    {
        this.contextByRule = contextByRule;
        this.contextFound = contextFound;
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

    // Every context-only rule's matches over the whole text, by rule index, found in one walk the first time a check asks
    // for any of them: the checks ask per match they judge ("is there a concrete ask in this sentence or the next?", "does
    // the message ask anywhere?"), and a long text has hundreds of matches. A walk over tokens [from, to) finds exactly
    // the whole-text matches that start in that range, in the same order (a match's tokens and what precedes it are read
    // from the whole text either way), so a range is a slice of these lists. Callers do not change them.
    private readonly List<Match>[] contextByRule;
    private readonly List<Match> contextFound;
    private bool contextMatched;

    /// <summary>Matches of a context-only rule starting at tokens in [from, to), in text order.</summary>
    public ReadOnlySpan<Match> ContextMatches(string ruleId, int from = 0, int to = int.MaxValue)
    {
        var rule = Catalog.ById[ruleId];
        if (!contextMatched)
        {
            FindContextMatches();
        }

        var all = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(contextByRule[rule]);
        var (first, last) = (StartingFrom(all, from), StartingFrom(all, to));
        return first < last ? all[first..last] : [];
    }

    private void FindContextMatches()
    {
        foreach (var list in contextByRule)
        {
            list.Clear();
        }

        contextFound.Clear();
        Catalog.ContextPatterns.FindMatches(Tokens, 0, Tokens.Count, Catalog.AllRules, contextFound);
        foreach (var match in contextFound)
        {
            contextByRule[match.Rule].Add(match);
        }

        contextMatched = true;
    }

    /// <summary>The index of the first match that starts at or after token <paramref name="position"/> (matches are in text order).</summary>
    private static int StartingFrom(ReadOnlySpan<Match> matches, int position)
    {
        var (low, high) = (0, matches.Length);
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (matches[middle].Start < position)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
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
