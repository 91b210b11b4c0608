namespace HelpAsk.Core.Analysis.Engine;

/// <summary>Everything the context checks may look at: the text, its tokens, and every pattern match.</summary>
internal sealed class MatchContext
{
    private readonly List<Match>[] matchesByRule;
    private readonly List<Match>[] exceptionsByRule;

    /// <param name="matchesByRule">Lists to group the matches in, one a rule; reused from call to call.</param>
    /// <param name="exceptionsByRule">Likewise for the exception matches.</param>
    /// <param name="contextMatches">Every context-only rule's matches over the whole text, in text order.</param>
    /// <param name="contextByRule">Lists to group those in, one a rule, when a check first asks for them; reused likewise.</param>
    public MatchContext(
        string text, List<Token> tokens, List<Match> matches, RuleCatalog catalog, List<Match>[] matchesByRule, List<Match>[] exceptionsByRule,
        List<Match> contextMatches, List<Match>[] contextByRule)
    {
        this.contextByRule = contextByRule;
        this.contextMatches = contextMatches;
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

    // Every context-only rule's matches, by rule index, grouped the first time a check asks for any of them: the checks
    // ask per match they judge ("is there a concrete ask in this sentence or the next?", "does the message ask
    // anywhere?"), and a long text has hundreds of matches. The walk found them over the whole text, sentence by
    // sentence; a walk over tokens [from, to) finds exactly those that start in that range, in the same order (a match's
    // tokens and what precedes it are read from the text either way), so a range is a slice of these lists. Callers do
    // not change them.
    private readonly List<Match>[] contextByRule;
    private readonly List<Match> contextMatches;
    private bool contextGrouped;

    /// <summary>Matches of a context-only rule starting at tokens in [from, to), in text order.</summary>
    public ReadOnlySpan<Match> ContextMatches(string ruleId, int from = 0, int to = int.MaxValue)
    {
        var rule = Catalog.ById[ruleId];
        if (!contextGrouped)
        {
            GroupContextMatches();
        }

        var all = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(contextByRule[rule]);
        var (first, last) = (StartingFrom(all, from), StartingFrom(all, to));
        return first < last ? all[first..last] : [];
    }

    private void GroupContextMatches()
    {
        foreach (var list in contextByRule)
        {
            list.Clear();
        }

        foreach (var match in contextMatches)
        {
            contextByRule[match.Rule].Add(match);
        }

        contextGrouped = true;
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
