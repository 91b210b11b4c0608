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

    // The context-only rules' matches, found a sentence at a time, the first time a check asks about the sentence: the
    // checks ask about a sentence or two around the match they judge ("is there a concrete ask in this sentence or the
    // next?"), hundreds of times in a long text, and now and then about the whole text ("does the message ask
    // anywhere?"). A walk over tokens [from, to) finds exactly the whole-text matches that start there, in the same order
    // (a match's tokens and the token before it are read from the whole text either way), so each sentence is walked
    // once, for every context-only rule, and an answer is gathered from the sentences it spans.
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
        if (wholeText && context.SentencesWalked < context.SentenceStarts.Count)
        {
            // The whole text, sentences not yet walked: the rule's own patterns, a walk that passes over most tokens.
            Catalog.ContextPatternsOf(rule).FindMatches(Tokens, 0, Tokens.Count, Catalog.AllRules, answers);
            context.WholeText[rule] = (start, answers.Count - start);
            return System.Runtime.InteropServices.CollectionsMarshal.AsSpan(answers)[start..];
        }

        var (first, last) = from < to ? (SentenceOf(from), SentenceOf(to - 1)) : (0, -1);
        for (var sentence = first; sentence <= last; sentence++)
        {
            var (firstFound, found) = Walked(sentence);
            foreach (var match in System.Runtime.InteropServices.CollectionsMarshal.AsSpan(context.Found).Slice(firstFound, found))
            {
                if (match.Rule == rule && match.Start >= from && match.Start < to)
                {
                    answers.Add(match);
                }
            }
        }

        if (wholeText)
        {
            context.WholeText[rule] = (start, answers.Count - start);
        }

        return System.Runtime.InteropServices.CollectionsMarshal.AsSpan(answers)[start..];
    }

    /// <summary>Where the context-only rules' matches of a sentence stand in the found list, walking the sentence the first time.</summary>
    private (int First, int Count) Walked(int sentence)
    {
        var walked = context.OfSentence[sentence];
        if (walked.First >= 0)
        {
            return walked;
        }

        var (found, starts) = (context.Found, context.SentenceStarts);
        var first = found.Count;
        var end = sentence + 1 < starts.Count ? starts[sentence + 1] : Tokens.Count;
        Catalog.ContextPatterns.FindMatches(Tokens, starts[sentence], end, Catalog.AllRules, found);
        context.SentencesWalked++;
        return context.OfSentence[sentence] = (first, found.Count - first);
    }

    /// <summary>The sentence holding token <paramref name="token"/>: the last whose first token is at or before it.</summary>
    private int SentenceOf(int token)
    {
        var at = context.SentenceStarts.BinarySearch(token);
        return at >= 0 ? at : ~at - 1;
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

/// <summary>
/// What the context checks' matches are found and kept in, per thread and reused from analysis to analysis: the token
/// where each sentence starts (filled while tokenizing), the matches found sentence by sentence, where each walked
/// sentence's matches stand, the answers given, and each rule's whole-text answer.
/// </summary>
internal sealed class ContextBuffers(int ruleCount)
{
    public List<int> SentenceStarts { get; } = new(64);
    public List<Match> Found { get; } = new(64);
    public List<(int First, int Count)> OfSentence { get; } = new(64);
    public List<Match> Answers { get; } = new(64);
    public (int First, int Count)[] WholeText { get; } = new (int, int)[ruleCount];
    public int SentencesWalked { get; set; }

    /// <summary>Nothing found yet for the text whose sentence starts are listed.</summary>
    public void Reset()
    {
        Found.Clear();
        Answers.Clear();
        OfSentence.Clear();
        SentencesWalked = 0;
        for (var sentence = 0; sentence < SentenceStarts.Count; sentence++)
        {
            OfSentence.Add((-1, 0));
        }

        Array.Fill(WholeText, (-1, -1));
    }
}
