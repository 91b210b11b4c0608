namespace HelpAsk.Core.Analysis.Engine;

/// <summary>Everything the context checks may look at: the text, its tokens, and every pattern match.</summary>
internal sealed class MatchContext
{
    private readonly List<Match>[] matchesByRule;
    private readonly List<Match>[] exceptionsByRule;

    /// <param name="matchesByRule">Lists to group the matches in, one a rule; reused from call to call.</param>
    /// <param name="exceptionsByRule">Likewise for the exception matches.</param>
    /// <param name="context">Where the context-only rules' matches are found and kept, with the text's sentence starts; reused likewise.</param>
    public MatchContext(
        string text, List<Token> tokens, List<Match> matches, RuleCatalog catalog, List<Match>[] matchesByRule, List<Match>[] exceptionsByRule,
        ContextBuffers context)
    {
        this.context = context;
        context.Reset();
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

    // The context-only rules' matches, found where a check asks: about a sentence or two around the match it judges ("is
    // there a concrete ask in this sentence or the next?"), hundreds of times in a long text, and now and then about the
    // whole text ("does the message ask anywhere?"). Each question walks its range on the asked rule's own trie
    // (RuleCatalog.ContextPatternsOf), whose few first words pass over most tokens; a walk over tokens [from, to) finds
    // exactly the whole-text matches that start there, in the same order (a match's tokens and the token before it are
    // read from the whole text either way). Walking each sentence once for every context-only rule, and gathering the
    // answers from the sentences' matches, cost more: most of those matches were never asked for.
    private readonly ContextBuffers context;

    /// <summary>Matches of a context-only rule starting at tokens in [from, to), in text order. Callers do not change them.</summary>
    public ReadOnlySpan<Match> ContextMatches(string ruleId, int from = 0, int to = int.MaxValue)
    {
        var rule = Catalog.ById[ruleId];
        (from, to) = (Math.Max(0, from), Math.Min(to, Tokens.Count));
        var wholeText = from == 0 && to == Tokens.Count;
        if (wholeText && context.WholeText[rule].Count >= 0)
        {
            var (kept, count) = context.WholeText[rule];
            return System.Runtime.InteropServices.CollectionsMarshal.AsSpan(context.Answers).Slice(kept, count);
        }

        // Answers are added one after another and never written again, so an answer given earlier stays as it was while
        // a check holds it, even when the list grows into a new array.
        var answers = context.Answers;
        var start = answers.Count;
        if (from < to && Catalog.ContextPatternsOf(rule) is { } patterns)
        {
            patterns.FindMatches(Tokens, from, to, Catalog.AllRules, answers, context.Separators);
        }

        if (wholeText)
        {
            context.WholeText[rule] = (start, answers.Count - start);
        }

        return System.Runtime.InteropServices.CollectionsMarshal.AsSpan(answers)[start..];
    }

    /// <summary>Whether the message is written to one person (ContextChecks), once found; null until asked.</summary>
    public bool? WrittenToOnePerson { get; set; }

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

/// <summary>
/// What the context checks' matches are kept in, per thread and reused from analysis to analysis: the answers given, and
/// each rule's whole-text answer; and where the text's separators (boundaries, clause punctuation) are, filled while
/// tokenizing.
/// </summary>
internal sealed class ContextBuffers(int ruleCount)
{
    public List<int> Separators { get; } = new(64);

    public List<Match> Answers { get; } = new(64);
    public (int First, int Count)[] WholeText { get; } = new (int, int)[ruleCount];

    /// <summary>Nothing found yet for a new text.</summary>
    public void Reset()
    {
        Answers.Clear();
        Array.Fill(WholeText, (-1, -1));
    }
}
