using HelpAsk.Core.Analysis.Engine;
using HelpAsk.Core.Analysis.Learned;

namespace HelpAsk.Core.Analysis;

/// <summary>
/// Finds the pitfalls and strengths in a help request or thank-you note. Thread-safe and
/// allocation-light: one instance serves every keystroke of every user.
/// </summary>
public sealed class PitfallAnalyzer(RuleCatalog catalog, LearnedModel model)
{
    private const int NegationWindow = 3;

    // Whole sentences are gathered until they hold at least this many tokens, then matched together: enough candidates
    // for their walks' first reads to be asked for together (PatternTrie.Prefetch), few enough to stay in the first-level
    // cache (160 measured slower, docs/performance.md, session 22).
    private const int MatchedTogether = 64;

    // The model judges a message as a whole, and learned from short messages (the labelled corpus's longest is under 700
    // characters, docs/accuracy.md): in a longer text (a document of many requests, say) its view of the whole says
    // nothing about one sentence, so there it neither adds nor withdraws anything, and the rules alone judge.
    private const int ModelUpTo = 1_500;

    // Working lists, kept per thread and reused, so an analysis allocates little beyond its findings.
    [ThreadStatic]
    private static Buffers? buffers;

    /// <summary>The built-in catalog, with the learned model trained for it.</summary>
    public PitfallAnalyzer()
        : this(RuleCatalog.Default, LearnedModel.Default)
    {
    }

    /// <summary>A catalog's rules alone.</summary>
    public PitfallAnalyzer(RuleCatalog catalog)
        : this(catalog, LearnedModel.None)
    {
    }

    public RuleCatalog Catalog { get; } = catalog;

    public LearnedModel Model { get; } = model;

    // By catalog index: the indexes of the rules in the rule's notWith (the catalog refuses an id it lacks).
    private readonly int[][] notWith = [.. catalog.Rules.Select(r => r.NotWith.Select(id => catalog.ById[id]).ToArray())];
    private readonly bool anyNotWith = catalog.Rules.Any(r => r.NotWith.Count > 0);

    // The catalog's index of each of the model's rules (-1 for a rule this catalog lacks).
    private readonly int[] modelRules = [.. model.Rules.Select(r => catalog.ById.TryGetValue(r.Id, out var index) ? index : -1)];

    // The rules and the model's log-odds as arrays: read for every rule of every analysis, where the lists cost an
    // interface call each in the native build.
    private readonly CompiledRule[] rules = [.. catalog.Rules];
    private readonly float[] modelVetoes = [.. model.Rules.Select(r => r.LogitVeto)];

    // The log-odds at which the model adds each rule, to a request and to a thanks: what the message's kind alone gives
    // (its prior) and the rule's lift, so that only what the words say raises a rule (infinite where it adds nothing).
    private readonly float[] requestThresholds = [.. model.Rules.Select((rule, r) => model.PriorLogit(r, MessageKind.Request) + rule.Lift)];
    private readonly float[] thanksThresholds = [.. model.Rules.Select((rule, r) => model.PriorLogit(r, MessageKind.Thanks) + rule.Lift)];

    // By catalog index: the rule's index in the model, where the model can withdraw its findings (-1 elsewhere): pitfalls
    // only, whatever the model file says.
    private readonly int[] vetoRuleOf = VetoRules(catalog, model);

    private readonly bool[] enabledForRequests = [.. catalog.Rules.Select(r => r.AppliesTo(MessageKind.Request))];
    private readonly bool[] enabledForThanks = [.. catalog.Rules.Select(r => r.AppliesTo(MessageKind.Thanks))];

    public IReadOnlyList<PitfallFinding> Analyze(string text, MessageKind kind, AnalyzerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Analyze(text, kind, options ?? AnalyzerOptions.Default, [], []);
    }

    /// <summary>How many messages <see cref="AnalyzeAll"/> takes through its passes together; more are taken that many at a time.</summary>
    public const int AnalysedTogether = 256;

    /// <summary>
    /// Analyses several messages with the default options, each exactly as <see cref="Analyze"/> does, into
    /// <paramref name="findings"/>: the learned model's pass over <see cref="AnalysedTogether"/> of them first, then the
    /// patterns' over each, and so on.
    /// </summary>
    /// <remarks>
    /// Each pass reads tables of megabytes (the model's weights, the trie), more than the processor's cache holds. One
    /// message at a time, the two passes evict each other's tables at every message; phase by phase, each keeps its own
    /// warm across the messages: about 8% less processor time in the command line on a file of short messages
    /// (docs/performance.md, session 19). The model's pass is made for every message it may judge, the few where
    /// <see cref="Analyze"/> would have found it could change nothing included.
    /// </remarks>
    public void AnalyzeAll(ReadOnlySpan<string> texts, ReadOnlySpan<MessageKind> kinds, Span<IReadOnlyList<PitfallFinding>> findings)
    {
        if (kinds.Length != texts.Length)
        {
            throw new ArgumentException("Give one kind for each text.", nameof(kinds));
        }

        if (findings.Length != texts.Length)
        {
            throw new ArgumentException("Give one place for findings for each text.", nameof(findings));
        }

        foreach (var text in texts)
        {
            ArgumentNullException.ThrowIfNull(text, nameof(texts));
        }

        var modelRuleCount = modelRules.Length;
        var (logits, spans) = WorkBuffers().RoomForModelResults(Math.Min(texts.Length, AnalysedTogether) * modelRuleCount);
        for (var from = 0; from < texts.Length; from += AnalysedTogether)
        {
            var to = Math.Min(texts.Length, from + AnalysedTogether);
            for (var i = from; i < to; i++)
            {
                if (ModelJudges(texts[i]))
                {
                    Model.Score(texts[i], kinds[i], logits.AsSpan((i - from) * modelRuleCount, modelRuleCount), spans.AsSpan((i - from) * modelRuleCount, modelRuleCount));
                }
            }

            for (var i = from; i < to; i++)
            {
                var at = (i - from) * modelRuleCount;
                findings[i] = Analyze(texts[i], kinds[i], AnalyzerOptions.Default, logits.AsSpan(at, modelRuleCount), spans.AsSpan(at, modelRuleCount));
            }
        }
    }

    /// <summary>
    /// An analysis, with the model's pass already made for the text where <paramref name="modelLogits"/> and
    /// <paramref name="modelSpans"/> are not empty (<see cref="AnalyzeAll"/>).
    /// </summary>
    private IReadOnlyList<PitfallFinding> Analyze(
        string text, MessageKind kind, AnalyzerOptions options, ReadOnlySpan<float> modelLogits, ReadOnlySpan<(int Start, int End)> modelSpans)
    {
        var work = FindMatches(text, EnabledRules(kind, options));
        if (options.PersonalPhrases.Count > 0)
        {
            AddPersonalPhrases(text, work.Tokens, kind, options, work.Matches);
        }

        return work.Matches.Count == 0 && modelRules.Length == 0 ? [] : Report(text, kind, options, work, modelLogits, modelSpans);
    }

    private Buffers WorkBuffers() =>
        buffers is { } existing && existing.RuleCount == Catalog.Rules.Count ? existing : buffers = new Buffers(Catalog.Rules.Count);

    /// <summary>The first half of an analysis: the text's tokens and every match of an enabled rule, in this thread's buffers.</summary>
    internal Buffers FindMatches(string text, bool[] enabled)
    {
        var work = WorkBuffers();
        var tokens = work.Tokens;
        tokens.Clear();
        var matches = work.Matches;
        matches.Clear();
        var separators = work.Context.Separators;
        separators.Clear();
        for (var at = 0; at < text.Length;)
        {
            // Whole sentences, at least MatchedTogether tokens of them (or the rest of the text), matched together so that
            // their walks' first reads are asked for at once; no pattern spans a boundary, so a sentence's matches are the same.
            var first = tokens.Count;
            do
            {
                at = Tokenizer.TokenizeSentence(text, at, Catalog.Vocabulary, tokens, separators);
            }
            while (at < text.Length && tokens.Count - first < MatchedTogether);

            Catalog.Patterns.FindMatches(tokens, first, tokens.Count, enabled, matches);
        }

        return work;
    }

    /// <summary>
    /// The second half: which matches hold in context, as findings in text order. <paramref name="modelLogits"/> and
    /// <paramref name="modelSpans"/>: the model's pass already made for this text (<see cref="AnalyzeAll"/>), or empty.
    /// </summary>
    internal IReadOnlyList<PitfallFinding> Report(
        string text, MessageKind kind, AnalyzerOptions options, Buffers work, ReadOnlySpan<float> modelLogits, ReadOnlySpan<(int Start, int End)> modelSpans)
    {
        var (tokens, matches) = (work.Tokens, work.Matches);
        var context = new MatchContext(text, tokens, matches, Catalog, work.MatchesByRule, work.ExceptionsByRule, work.Context);
        var (reported, order, positions) = (work.Reported, work.FindingOrder, work.FindingPositions);
        reported.Clear();
        order.Clear();
        positions.Clear();
        Array.Clear(work.FoundRules);
        var rules = this.rules;

        // The model first: its veto decides whether a pitfall's patterns are heard at all in this message.
        Span<float> logits = stackalloc float[modelRules.Length];
        Span<bool> raised = stackalloc bool[modelRules.Length];
        Span<(int Start, int End)> spans = stackalloc (int, int)[modelRules.Length];
        var scored = ScoreWithModel(text, kind, options, context, matches, logits, raised, spans, modelLogits, modelSpans);
        for (var ruleIndex = 0; ruleIndex < rules.Length; ruleIndex++)
        {
            var rule = rules[ruleIndex];
            var ruleMatches = context.MatchesOf(ruleIndex);
            if (!rule.Reported || ruleMatches.Count == 0)
            {
                continue;
            }

            // Where one of the user's own phrases found the rule, they have told the coach this is their pitfall: the
            // model withdraws none of its findings in that message ("Mea culpa, sorry!" stays two apologies).
            if (scored && IsVetoed(ruleIndex, logits) && !HasUserPhrase(ruleMatches))
            {
                continue;
            }

            var kept = work.Kept;
            kept.Clear();
            foreach (var match in ruleMatches)
            {
                if (Catalog.HoldsFor(match, kind) && !context.IsCancelledByException(match) && (!rule.Negatable || !context.IsNegated(match, NegationWindow)))
                {
                    kept.Add(match);
                }
            }

            // Context first: a match its context clears must not hide an overlapping one that holds.
            ContextChecks.Apply(rule.Description.Id, kept, context, kind);
            RemoveOverlaps(kept);
            if (kept.Count < rule.MinCount)
            {
                continue;
            }

            work.FoundRules[ruleIndex] = kept.Count > 0;
            foreach (var match in kept)
            {
                order.Add(((long)CharStart(match, tokens) << 8) | Catalog.IdRank[ruleIndex]);
                positions.Add(reported.Count);
                reported.Add(match);
            }
        }

        // By position, then rule id: numbers sorted, rather than findings compared or moved.
        System.Runtime.InteropServices.CollectionsMarshal.AsSpan(order).Sort(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(positions));
        var findings = new List<PitfallFinding>(reported.Count);
        foreach (var position in positions)
        {
            var match = reported[position];
            var description = rules[match.Rule].Description;
            var (start, end) = (CharStart(match, tokens), match.CharEnd >= 0 ? match.CharEnd : tokens[match.End - 1].End);
            findings.Add(new PitfallFinding(
                description.Id, description.Kind, description.Severity, start, end - start, work.MatchedText(text.AsSpan(start, end - start)),
                description.Message, description.Why, Catalog.SuggestionsOf(match) ?? description.Suggestions));
        }

        if (scored)
        {
            AddLearned(findings, text, raised, spans, work.FoundRules);
        }

        return options.IsPlain ? WithoutWithdrawn(findings, work, foundKnown: true) : WithoutWithdrawn(ApplyUserChoices(findings, text, options, context), work, foundKnown: false);
    }

    /// <summary>
    /// A rule's findings withdrawn where a rule it is not shown with (its <c>notWith</c>) was found too: a thank-you note
    /// told it is mostly about the writer is not also praised for showing what the help did.
    /// </summary>
    /// <param name="foundKnown">Whether <see cref="Buffers.FoundRules"/> already holds the rules of exactly these findings (Report's own, no user choice applied).</param>
    private IReadOnlyList<PitfallFinding> WithoutWithdrawn(IReadOnlyList<PitfallFinding> findings, Buffers work, bool foundKnown)
    {
        if (!anyNotWith || findings.Count < 2)
        {
            return findings;
        }

        // Which rules were found, then which of them are withdrawn: linear in the findings, where comparing every pair
        // of findings took a third of a long text's analysis (hundreds of findings).
        var (found, withdrawn) = (work.FoundRules, work.WithdrawnRules);
        if (!foundKnown)
        {
            Array.Clear(found);
            foreach (var finding in findings)
            {
                found[Catalog.ById[finding.RuleId]] = true;
            }
        }

        var any = false;
        for (var rule = 0; rule < notWith.Length; rule++)
        {
            withdrawn[rule] = false;
            foreach (var other in notWith[rule])
            {
                withdrawn[rule] |= found[rule] && found[other];
            }

            any |= withdrawn[rule];
        }

        if (!any)
        {
            return findings;
        }

        return Without(findings, withdrawn);
    }

    /// <summary>
    /// The findings of every rule not withdrawn. A method of its own: in <see cref="WithoutWithdrawn"/>, its lambdas'
    /// captured variables were made at every call, whether or not anything was withdrawn.
    /// </summary>
    private List<PitfallFinding> Without(IReadOnlyList<PitfallFinding> findings, bool[] withdrawn)
    {
        // The withdrawn rules are few: each finding's id is compared with theirs rather than looked up by hashing it.
        string[] ids = [.. rules.Where((_, index) => withdrawn[index]).Select(r => r.Description.Id)];
        return [.. findings.Where(f => Array.IndexOf(ids, f.RuleId) < 0)];
    }

    /// <summary>
    /// Runs the model's pass, in a message, when it can change what is reported: a rule it may add (one whose patterns and
    /// harmless-use exceptions matched nothing, so the rules have not judged the wording; not one the user switched off),
    /// or a pattern's match of a pitfall it may withdraw (with vetoes on every pitfall, nearly every short message with a
    /// pitfall). Then <paramref name="raised"/> holds the rules it adds. Where the pass was made already
    /// (<paramref name="madeLogits"/> not empty), its results are taken.
    /// </summary>
    private bool ScoreWithModel(
        string text, MessageKind kind, AnalyzerOptions options, MatchContext context, List<Match> matches, Span<float> logits, Span<bool> raised, Span<(int Start, int End)> spans,
        ReadOnlySpan<float> madeLogits, ReadOnlySpan<(int Start, int End)> madeSpans)
    {
        if (!ModelJudges(text))
        {
            return false;
        }

        var addsHere = ModelAddsTo(text, context.Tokens);
        var thresholds = kind == MessageKind.Request ? requestThresholds : thanksThresholds;
        var noneDisabled = options.DisabledRules.Count == 0;
        for (var r = 0; r < modelRules.Length; r++)
        {
            var index = modelRules[r];
            raised[r] = addsHere && index >= 0 && thresholds[r] < float.PositiveInfinity && rules[index].AppliesTo(kind) && !context.RuleLooked(index)
                && (noneDisabled || !options.DisabledRules.Contains(rules[index].Description.Id));
        }

        // Where the patterns of every rule the model could add to have matched and none can be withdrawn, its pass (a
        // third of a short message's analysis) would be thrown away.
        if (!raised.Contains(true) && !AnyVetoable(matches))
        {
            return false;
        }

        if (madeLogits.IsEmpty)
        {
            Model.Score(text, kind, logits, spans);
        }
        else
        {
            madeLogits.CopyTo(logits);
            madeSpans.CopyTo(spans);
        }

        for (var r = 0; r < modelRules.Length; r++)
        {
            raised[r] &= logits[r] >= thresholds[r];
        }

        return true;
    }

    /// <summary>
    /// A pitfall the model is all but sure is wrong in this message ("You have to turn left after the bridge" in a request
    /// that asks): the words its patterns matched are there, but the message reads like the labelled ones where they were
    /// harmless. The same for every match of the rule, so its patterns' findings go together.
    /// </summary>
    private bool IsVetoed(int ruleIndex, ReadOnlySpan<float> logits) =>
        vetoRuleOf[ruleIndex] is var r and >= 0 && logits[r] < modelVetoes[r];

    private static bool HasUserPhrase(List<Match> matches)
    {
        foreach (var match in matches)
        {
            if (match.Pattern < 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the model judges this text at all: <see cref="ScoreWithModel"/> may run its pass.</summary>
    private bool ModelJudges(string text) => modelRules.Length > 0 && text.Length <= ModelUpTo;

    // One or two words are too little for the model to judge a message by ("Sure", "Yes", the first word typed in the
    // composer): it adds nothing there, and the rules alone judge them.
    private const int ModelAddsFromWords = 3;

    /// <summary>Whether the model may add a rule to this text at all: the one test, for the analyzer and its trainer.</summary>
    private static bool ModelAddsTo(string text, List<Token> tokens) => text.Length <= ModelUpTo && HasWords(tokens, ModelAddsFromWords);

    private static bool HasWords(List<Token> tokens, int count)
    {
        foreach (var token in tokens)
        {
            if (token.IsWord && --count == 0)
            {
                return true;
            }
        }

        return false;
    }

    private bool AnyVetoable(List<Match> matches)
    {
        foreach (var match in matches)
        {
            if (match.Pattern >= 0 && !match.IsException && vetoRuleOf[match.Rule] >= 0)
            {
                return true;
            }
        }

        return false;
    }

    private static int[] VetoRules(RuleCatalog catalog, LearnedModel model)
    {
        var ofRule = new int[catalog.Rules.Count];
        Array.Fill(ofRule, -1);
        for (var r = 0; r < model.Rules.Count; r++)
        {
            if (model.Rules[r].Veto > 0 && catalog.ById.TryGetValue(model.Rules[r].Id, out var index) && catalog.Rules[index].Description.Kind == FindingKind.Pitfall)
            {
                ofRule[index] = r;
            }
        }

        return ofRule;
    }

    /// <summary>
    /// What the learned model raises where the rules found nothing to judge: one finding per rule, on the sentence that
    /// weighs most for it, with the rule's message and why but no one-click rewording (a rule's replacements fit its
    /// phrase, not a whole sentence). A rule the user switched off stays off, and their allowed phrases and ignored
    /// occurrences apply to these findings as to the others.
    /// </summary>
    private void AddLearned(List<PitfallFinding> findings, string text, ReadOnlySpan<bool> raised, ReadOnlySpan<(int Start, int End)> spans, bool[] found)
    {
        for (var r = 0; r < modelRules.Length; r++)
        {
            if (!raised[r])
            {
                continue;
            }

            var index = modelRules[r];
            var description = Catalog.Rules[index].Description;
            var (start, end) = spans[r];
            var finding = new PitfallFinding(
                description.Id, description.Kind, description.Severity, start, end - start, text[start..end], description.Message, description.Why, []);
            findings.Insert(PlaceOf(findings, start, index), finding);
            found[index] = true;
        }
    }

    /// <summary>
    /// Where a finding of rule <paramref name="rule"/> at <paramref name="start"/> goes among findings in text order, then
    /// rule id order. A loop, not <c>FindIndex</c> with a lambda: the lambda's captured variables were an object made for
    /// every rule of every message the model judged, whether or not it added anything (most of what an analysis
    /// allocated).
    /// </summary>
    private int PlaceOf(List<PitfallFinding> findings, int start, int rule)
    {
        for (var at = 0; at < findings.Count; at++)
        {
            var f = findings[at];
            if (f.Start > start || (f.Start == start && Catalog.IdRank[Catalog.ById[f.RuleId]] > Catalog.IdRank[rule]))
            {
                return at;
            }
        }

        return findings.Count;
    }

    /// <summary>
    /// Where the learned model may add a finding to the text, for its trainer to judge additions as they will be made:
    /// whether it adds to this text at all (three words or more, at most <see cref="ModelUpTo"/> characters), and the rule
    /// ids whose patterns or exceptions matched, which it never adds.
    /// </summary>
    internal (bool AddsHere, HashSet<string> RulesThatLooked) WhereTheModelMayAdd(string text, MessageKind kind)
    {
        var work = FindMatches(text, EnabledRules(kind, AnalyzerOptions.Default));
        var context = new MatchContext(text, work.Tokens, work.Matches, Catalog, work.MatchesByRule, work.ExceptionsByRule, work.Context);
        return (
            ModelAddsTo(text, work.Tokens),
            [.. Enumerable.Range(0, Catalog.Rules.Count).Where(context.RuleLooked).Select(i => Catalog.Rules[i].Description.Id)]);
    }

    /// <summary>Which rules run: those for this kind of message that the user has not switched off.</summary>
    internal bool[] EnabledRules(MessageKind kind, AnalyzerOptions options)
    {
        return options.DisabledRules.Count == 0 ? (kind == MessageKind.Request ? enabledForRequests : enabledForThanks) : WithoutDisabled(kind, options);
    }

    // A method of its own: in EnabledRules, the lambda's captured variables were made at every call, rules disabled or not.
    private bool[] WithoutDisabled(MessageKind kind, AnalyzerOptions options) =>
        [.. Catalog.Rules.Select(r => r.AppliesTo(kind) && !(r.Reported && options.DisabledRules.Contains(r.Description.Id)))];

    /// <summary>
    /// The user's own phrases are found as plain words (case, and straight or curly apostrophes, do
    /// not matter), never read as pattern syntax, and count under the rule they chose as if built in.
    /// </summary>
    private void AddPersonalPhrases(string text, List<Token> tokens, MessageKind kind, AnalyzerOptions options, List<Match> matches)
    {
        var folded = FoldApostrophes(text);
        foreach (var personal in options.PersonalPhrases)
        {
            if (!Catalog.ById.TryGetValue(personal.RuleId, out var index) || options.DisabledRules.Contains(personal.RuleId))
            {
                continue;
            }

            var phrase = FoldApostrophes(personal.Phrase.Trim());
            if (phrase.Length == 0 || !Catalog.Rules[index].AppliesTo(kind))
            {
                continue;
            }

            for (var at = folded.IndexOf(phrase, StringComparison.OrdinalIgnoreCase); at >= 0; at = folded.IndexOf(phrase, at + phrase.Length, StringComparison.OrdinalIgnoreCase))
            {
                var end = at + phrase.Length;
                var wholeWords = (at == 0 || !char.IsLetterOrDigit(folded[at - 1])) && (end == folded.Length || !char.IsLetterOrDigit(folded[end]));
                var first = tokens.FindIndex(t => t.Start >= at);
                var last = tokens.FindLastIndex(t => t.End <= end);
                if (wholeWords && first >= 0 && last >= first)
                {
                    matches.Add(new Match(-1, (short)index, IsException: false, first, last + 1, at, end));
                }
            }
        }
    }

    private static int CharStart(Match match, List<Token> tokens) => match.CharStart >= 0 ? match.CharStart : tokens[match.Start].Start;

    /// <summary>Of overlapping matches of one rule, the earliest and then longest wins; filtered in place.</summary>
    private static void RemoveOverlaps(List<Match> matches)
    {
        // Matches arrive in text order, except a user's own phrases, which come last.
        if (!IsInOrder(matches))
        {
            matches.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.End.CompareTo(a.End));
        }

        var all = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(matches);
        var count = 0;
        foreach (var match in all)
        {
            if (count == 0 || match.Start >= all[count - 1].End)
            {
                all[count++] = match;
            }
        }

        matches.RemoveRange(count, matches.Count - count);
    }

    private static bool IsInOrder(List<Match> matches)
    {
        for (var i = 1; i < matches.Count; i++)
        {
            var (previous, match) = (matches[i - 1], matches[i]);
            if (match.Start < previous.Start || (match.Start == previous.Start && match.End > previous.End))
            {
                return false;
            }
        }

        return true;
    }

    private static string FoldApostrophes(string text) => text.Replace('’', '\'').Replace('‘', '\'');

    private static List<PitfallFinding> ApplyUserChoices(List<PitfallFinding> findings, string text, AnalyzerOptions options, MatchContext context)
    {
        var allowed = new List<(int Start, int End)>();
        foreach (var phrase in options.AllowedPhrases.Where(p => !string.IsNullOrWhiteSpace(p)))
        {
            var trimmed = phrase.Trim();
            for (var at = text.IndexOf(trimmed, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(trimmed, at + 1, StringComparison.OrdinalIgnoreCase))
            {
                allowed.Add((at, at + trimmed.Length));
            }
        }

        return
        [
            .. findings.Where(f =>
                !allowed.Any(a => f.Start < a.End && a.Start < f.End) &&
                !options.IgnoredOccurrences.Any(i =>
                    i.RuleId == f.RuleId &&
                    string.Equals(i.MatchedText, f.Text, StringComparison.OrdinalIgnoreCase) &&
                    string.Equals(i.Sentence, context.SentenceAround(f.Start), StringComparison.Ordinal))),
        ];
    }

    /// <summary>The sentence around a position: what "ignore here" remembers a finding by.</summary>
    public static string SentenceAround(string text, int position)
    {
        ArgumentNullException.ThrowIfNull(text);
        var start = position;
        while (start > 0 && text[start - 1] is not ('.' or '!' or '?' or '\n'))
        {
            start--;
        }

        var end = position;
        while (end < text.Length && text[end] is not ('.' or '!' or '?' or '\n'))
        {
            end++;
        }

        return text[start..Math.Min(text.Length, end + 1)].Trim();
    }
}

internal sealed class Buffers(int ruleCount)
{
    public int RuleCount { get; } = ruleCount;
    public List<Token> Tokens { get; } = new(256);
    public List<Match> Matches { get; } = new(64);
    public List<Match>[] MatchesByRule { get; } = [.. Enumerable.Range(0, ruleCount).Select(_ => new List<Match>())];
    public List<Match>[] ExceptionsByRule { get; } = [.. Enumerable.Range(0, ruleCount).Select(_ => new List<Match>())];
    public ContextBuffers Context { get; } = new(ruleCount);
    public List<Match> Kept { get; } = new(64);
    public List<Match> Reported { get; } = new(64);
    public List<long> FindingOrder { get; } = new(64);
    public List<int> FindingPositions { get; } = new(64);
    public bool[] FoundRules { get; } = new bool[ruleCount];
    public bool[] WithdrawnRules { get; } = new bool[ruleCount];

    private float[] modelLogits = [];
    private (int Start, int End)[] modelSpans = [];

    /// <summary>Room for the model's results for several messages (<see cref="PitfallAnalyzer.AnalyzeAll"/>), reused.</summary>
    public (float[] Logits, (int Start, int End)[] Spans) RoomForModelResults(int length)
    {
        if (modelLogits.Length < length)
        {
            (modelLogits, modelSpans) = (new float[length], new (int, int)[length]);
        }

        return (modelLogits, modelSpans);
    }

    // The composer analyses the whole draft at every keystroke, and a text repeats its flagged phrases
    // ("sorry", "just"): each distinct phrase is kept as one string rather than copied per finding.
    private const int MaxMatchedTexts = 1024;
    private readonly HashSet<string> matchedTexts = new(StringComparer.Ordinal);

    public string MatchedText(ReadOnlySpan<char> span)
    {
        var lookup = matchedTexts.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(span, out var known))
        {
            return known;
        }

        if (matchedTexts.Count >= MaxMatchedTexts)
        {
            matchedTexts.Clear();
        }

        var text = span.ToString();
        matchedTexts.Add(text);
        return text;
    }
}

/// <summary>
/// A match over tokens [Start, End) of <see cref="Pattern"/> (its id in the catalog, or -1 for a user's
/// own phrase, which also keeps its exact characters) for rule <see cref="Rule"/>. It holds no
/// reference, so the lists of matches an analysis fills and sorts need no GC write barriers.
/// </summary>
internal readonly record struct Match(int Pattern, short Rule, bool IsException, int Start, int End, int CharStart = -1, int CharEnd = -1)
{
    public bool Overlaps(Match other) => Start < other.End && other.Start < End;

    public bool OverlapsAny(List<Match> others) => OverlapsAny(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(others));

    public bool OverlapsAny(ReadOnlySpan<Match> others)
    {
        foreach (var other in others)
        {
            if (Overlaps(other))
            {
                return true;
            }
        }

        return false;
    }
}
