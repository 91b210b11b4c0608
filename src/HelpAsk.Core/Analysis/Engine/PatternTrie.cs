using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace HelpAsk.Core.Analysis.Engine;

/// <summary>
/// Indexes patterns by their leading words, so that at each token only the patterns whose first
/// words actually follow are tried: one array lookup and a short walk instead of dozens of attempts.
/// Built as linked nodes, then laid out in flat arrays, which a walk over every token of a long text
/// reads without chasing pointers across the heap.
/// </summary>
internal sealed class PatternTrie
{
    // A prefix whose word sets multiply beyond this is indexed only as deep as it stays small.
    private const int MaxPrefixCombinations = 64;
    private const int MaxPrefixDepth = 5;

    private const byte StartsWithEntries = 1;
    private const byte StartsWithChildren = 2;
    private const int PairBits = 1 << 16;

    // Set in a link to a node (a root or an edge's child) that has children but no entries: the walk goes on to the
    // child's child without reading the node's header, one dependent load fewer for half the nodes a walk visits.
    private const int Bare = 1 << 30;

    private readonly PatternProgram program;
    private readonly int vocabularySize;

    // By word id: whether a pattern is indexed under the word alone, or under it and a next word.
    private readonly byte[] starts;

    // By word id: whether every pattern under the word is anchored to a sentence's start, so none matches after a word.
    private readonly bool[] onlyAnchored;

    // By word id: what any pattern indexed under the word alone needs to find ahead.
    private readonly Lookahead[] rootLookaheads;

    // A bit per (word, next word) pair under which patterns are indexed; hashed, so a set bit may be a collision.
    private readonly ulong[] pairs = new ulong[PairBits / 64];
    private readonly int[] roots;

    // Each node as a header (its entry count, whether it has children) followed by its entries; a node is its header's
    // place. A walk reads the node and its first entries from one cache line, where a separate table of node rows made
    // a miss on the row, then another on the entries it pointed to.
    private readonly Entry[] nodes;

    // Every node's children in one hash table keyed by (node, word): one probe a step, where a search
    // through each node's sorted children took several hard-to-predict branches. An edge's slot is a hash of the words
    // from the root to the child (PathHash), not of the node, so where a walk probes is known from the tokens alone and
    // can be asked for before the probes before it have answered (Prefetch).
    private readonly Edge[] edges;
    private readonly int edgeShift;

    public PatternTrie(int vocabularySize, PatternProgram program, IEnumerable<int> patterns)
    {
        this.program = program;
        this.vocabularySize = vocabularySize;
        var builder = new Builder(vocabularySize);
        foreach (var pattern in patterns)
        {
            Add(builder, pattern);
        }

        roots = new int[vocabularySize];
        starts = new byte[vocabularySize];
        onlyAnchored = new bool[vocabularySize];
        rootLookaheads = new Lookahead[vocabularySize];
        var allEdges = new List<(int Node, int Word, int Child)>();
        var allNodes = new List<Entry>();
        var laid = new List<int>();
        var pathOf = new uint[builder.NodeCount];
        for (var id = 0; id < vocabularySize; id++)
        {
            var root = builder.Roots[id];
            if (root >= 0)
            {
                laid.Add(root);
                pathOf[root] = RootPath(id);
                onlyAnchored[id] = !builder.Unanchored[id];
                starts[id] = (byte)((builder.EntryCount(root) > 0 ? StartsWithEntries : 0) | (builder.HasChildren(root) ? StartsWithChildren : 0));
                rootLookaheads[id] = Lookahead.Union(builder.EntriesOf(root).Select(e => e.Lookahead));
                foreach (var (next, _) in builder.ChildrenOf(root))
                {
                    var hash = PairHash(id, next);
                    pairs[hash >> 6] |= 1UL << (int)(hash & 63);
                }
            }
        }

        OnlyAnchored = laid.Count > 0 && !builder.Unanchored.Any(unanchored => unanchored);

        // Level by level, roots first: the nodes and entries a walk reads most (the first words') lie together, in a few
        // hundred kilobytes, rather than each among its deep subtree's. A bare node's header is never read (its link
        // says it is bare), so it takes no record: its place, which only keys its edges, is numbered after them all.
        var placeOf = new int[builder.NodeCount];
        var bare = new List<int>();
        for (var index = 0; index < laid.Count; index++)
        {
            var node = laid[index];
            if (IsBare(builder, node))
            {
                bare.Add(node);
            }
            else
            {
                placeOf[node] = allNodes.Count;
                allNodes.Add(Entry.Header(builder.EntryCount(node), builder.HasChildren(node)));
                allNodes.AddRange(builder.EntriesOf(node));
            }

            foreach (var (word, child) in builder.ChildrenOf(node))
            {
                allEdges.Add((node, word, child));
                laid.Add(child);
                pathOf[child] = PathHash(pathOf[node], word);
            }
        }

        for (var k = 0; k < bare.Count; k++)
        {
            placeOf[bare[k]] = allNodes.Count + k;
        }

        for (var id = 0; id < vocabularySize; id++)
        {
            roots[id] = builder.Roots[id] >= 0 ? LinkTo(builder, placeOf, builder.Roots[id]) : -1;
        }

        // An unknown word is a candidate only when capitalised (a name), which ListCandidates checks on its own.
        starts[Vocabulary.Other] = 0;
        nodes = [.. allNodes];

        // An edge's key (EdgeKey) is a node's place times the vocabulary's size, which must fit 32 bits.
        _ = checked((uint)((long)(nodes.Length + bare.Count) * vocabularySize));
        var bits = 4;
        while (1 << bits < allEdges.Count * 5 / 2)
        {
            bits++;
        }

        edges = new Edge[1 << bits];
        edgeShift = 32 - bits;
        foreach (var (node, word, child) in allEdges)
        {
            var key = EdgeKey(placeOf[node], word);
            var slot = SlotOf(pathOf[child]);
            while (edges[slot].Key != 0)
            {
                slot = (slot + 1) & (edges.Length - 1);
            }

            edges[slot] = new Edge(key, LinkTo(builder, placeOf, child));
        }
    }

    private static int LinkTo(Builder builder, int[] placeOf, int node) => placeOf[node] | (IsBare(builder, node) ? Bare : 0);

    private static bool IsBare(Builder builder, int node) => builder.EntryCount(node) == 0 && builder.HasChildren(node);

    /// <summary>
    /// Lists in <paramref name="candidates"/> the tokens in [from, to) where a match may begin, and returns
    /// how many: words under which patterns are indexed alone (their lookahead is checked later, by
    /// <see cref="EntriesMayMatch"/>), words that with the next word begin an indexed pattern (a hashed bit,
    /// so perhaps a collision; marked in the candidate's lowest bit, the token index is above it), and
    /// capitalised unknown words, which may be names that other patterns begin with. Enough to pass over
    /// most tokens without reading the trie. Worked out without a branch per token: whether a word begins
    /// a pattern, and whether the next word goes with it, flip at random from word to word, which no
    /// branch predictor guesses well.
    /// </summary>
    public int ListCandidates(ReadOnlySpan<Token> tokens, int from, int to, Span<int> candidates)
    {
        var (starts, pairs) = (this.starts, this.pairs);
        var count = 0;
        for (var i = from; i < to; i++)
        {
            var (id, capitalized) = (tokens[i].Id, tokens[i].Capitalized);
            var next = i + 1 < tokens.Length ? tokens[i + 1].Id : Vocabulary.Boundary;
            var hash = PairHash(id, next);
            var pair = (int)(pairs[hash >> 6] >> (int)(hash & 63)) & ((starts[id] & StartsWithChildren) >> 1) & (next > Vocabulary.Punctuation ? 1 : 0);
            candidates[count] = (i << 1) | pair;
            count += pair | (starts[id] & StartsWithEntries) | ((id == Vocabulary.Other ? 1 : 0) & (capitalized ? 1 : 0));
        }

        return count;
    }

    /// <summary>
    /// The same list as <see cref="ListCandidates"/>, passing over the tokens that begin nothing with a branch: for a trie of
    /// few patterns (one context-only rule's), whose candidates are rare enough for the branch to be guessed right, so a
    /// walk over a long text costs a read per token rather than the whole computation. A word whose patterns are all
    /// anchored to a sentence's start (a greeting's, a name's) is no candidate after a word: its walk would find nothing.
    /// </summary>
    public int ListRareCandidates(ReadOnlySpan<Token> tokens, int from, int to, Span<int> candidates)
    {
        var (starts, pairs) = (this.starts, this.pairs);
        var count = 0;
        for (var i = from; i < to; i++)
        {
            var (id, capitalized) = (tokens[i].Id, tokens[i].Capitalized);
            if ((starts[id] == 0 && (id != Vocabulary.Other || !capitalized)) || (onlyAnchored[id] && i > 0 && tokens[i - 1].IsWord))
            {
                continue;
            }

            count = ListOne(starts, pairs, tokens, i, candidates, count);
        }

        return count;
    }

    /// <summary>Whether every pattern is anchored to a sentence's or clause's start: none matches after a word.</summary>
    public bool OnlyAnchored { get; }

    /// <summary>
    /// What <see cref="ListRareCandidates"/> lists, for a trie whose patterns are all anchored (<see cref="OnlyAnchored"/>):
    /// only the first token and the tokens after a separator (<paramref name="separators"/>, every boundary and clause
    /// punctuation token's index, in order) can begin a match, so only they are looked at.
    /// </summary>
    public int ListAnchoredCandidates(ReadOnlySpan<Token> tokens, int from, int to, List<int> separators, Span<int> candidates)
    {
        var count = 0;
        var next = separators.BinarySearch(from - 1);
        next = next >= 0 ? next : ~next;
        for (var i = from == 0 ? 0 : -1; ; i = -1)
        {
            if (i < 0)
            {
                if (next >= separators.Count || separators[next] + 1 >= to)
                {
                    return count;
                }

                i = separators[next++] + 1;
            }

            var (id, capitalized) = (tokens[i].Id, tokens[i].Capitalized);
            if (starts[id] == 0 && (id != Vocabulary.Other || !capitalized))
            {
                continue;
            }

            count = ListOne(starts, pairs, tokens, i, candidates, count);
        }
    }

    /// <summary>
    /// Lists token <paramref name="i"/> as <see cref="ListCandidates"/> does (marked when its pair begins a pattern) and
    /// returns the count, one more if it is a candidate: for the context-only tries' lists, which skip most tokens first.
    /// <see cref="ListCandidates"/>, the main walk's, keeps its own copy of these lines: called from there, the same code
    /// measured 1-2% slower on short texts.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int ListOne(byte[] starts, ulong[] pairs, ReadOnlySpan<Token> tokens, int i, Span<int> candidates, int count)
    {
        var (id, capitalized) = (tokens[i].Id, tokens[i].Capitalized);
        var next = i + 1 < tokens.Length ? tokens[i + 1].Id : Vocabulary.Boundary;
        var hash = PairHash(id, next);
        var pair = (int)(pairs[hash >> 6] >> (int)(hash & 63)) & ((starts[id] & StartsWithChildren) >> 1) & (next > Vocabulary.Punctuation ? 1 : 0);
        candidates[count] = (i << 1) | pair;
        return count + (pair | (starts[id] & StartsWithEntries) | ((id == Vocabulary.Other ? 1 : 0) & (capitalized ? 1 : 0)));
    }

    /// <summary>
    /// Asks for the lines the walks from <paramref name="candidates"/> (<see cref="ListCandidates"/>'s) read first, all
    /// before any walk: each root's header and, for a pair, the edge slots of its first two steps (PathHash). On a file
    /// of short messages the trie's tables are cold, and a walk's probes, each waiting on the one before, were half of
    /// <see cref="MatchAt"/>'s time; asked for together, the misses overlap, as the learned model's slots do.
    /// </summary>
    public unsafe void Prefetch(ReadOnlySpan<Token> tokens, ReadOnlySpan<int> candidates)
    {
        if (!Sse.IsSupported)
        {
            return;
        }

        fixed (Edge* edge = edges)
        fixed (Entry* node = nodes)
        {
            foreach (var candidate in candidates)
            {
                var i = candidate >> 1;
                var id = tokens[i].Id;
                var root = roots[id];
                if (root >= 0 && (root & Bare) == 0)
                {
                    Sse.Prefetch0(node + root);
                }

                if ((candidate & 1) != 0)
                {
                    var path = PathHash(RootPath(id), tokens[i + 1].Id);
                    Sse.Prefetch0(edge + SlotOf(path));
                    if (i + 2 < tokens.Length)
                    {
                        Sse.Prefetch0(edge + SlotOf(PathHash(path, tokens[i + 2].Id)));
                    }
                }
            }
        }
    }

    /// <summary>Whether a pattern indexed under the word at <paramref name="start"/> alone finds what it needs ahead (its <see cref="Lookahead"/>).</summary>
    public bool EntriesMayMatch(ReadOnlySpan<Token> tokens, int start)
    {
        var id = tokens[start].Id;
        return (starts[id] & StartsWithEntries) != 0 && rootLookaheads[id].Admits(tokens, start + 1);
    }

    /// <summary>
    /// Every pattern that matches starting at token <paramref name="start"/> (a name's patterns at a capitalised unknown word).
    /// <paramref name="mayGoOn"/> false: the candidates' pair filter says no pattern is indexed under this word and the next,
    /// so the root's child is not looked up (a probe of the edge table, which seldom stays in the cache, that would fail).
    /// </summary>
    public void MatchAt(ReadOnlySpan<Token> tokens, int start, bool mayGoOn, bool[] enabledRules, List<Match> matches)
    {
        var node = roots[tokens[start].Id];
        var path = RootPath(tokens[start].Id);
        var position = start + 1;
        var afterWord = start > 0 && tokens[start - 1].IsWord;
        while (node >= 0)
        {
            if ((node & Bare) != 0)
            {
                node &= ~Bare;
            }
            else if (!TryEntries(tokens, start, position, afterWord, node, enabledRules, matches))
            {
                return;
            }

            if (!mayGoOn || position >= tokens.Length || !tokens[position].IsWord)
            {
                return;
            }

            mayGoOn = true;
            path = PathHash(path, tokens[position].Id);
            node = Child(node, tokens[position].Id, path);
            position++;
        }
    }

    /// <summary>Tries the entries of <paramref name="node"/> at <paramref name="position"/>; returns whether it has children.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryEntries(ReadOnlySpan<Token> tokens, int start, int position, bool afterWord, int node, bool[] enabledRules, List<Match> matches)
    {
        var header = nodes[node];
        foreach (var entry in nodes.AsSpan(node + 1, header.EntryCount))
        {
            if ((entry.Anchored && afterWord) || !enabledRules[entry.Rule] || !entry.Lookahead.Admits(tokens, position))
            {
                continue;
            }

            var end = program.MatchFrom(entry.Pattern, entry.NextStep, tokens, position);
            if (end > start)
            {
                matches.Add(program.MatchOf(entry.Pattern, start, end));
            }
        }

        return header.HasChildren;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Child(int node, int word, uint path)
    {
        var key = EdgeKey(node, word);
        for (var slot = SlotOf(path); ; slot = (slot + 1) & (edges.Length - 1))
        {
            var edge = edges[slot];
            if (edge.Key == key)
            {
                return edge.Child;
            }

            if (edge.Key == 0)
            {
                return -1;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint PairHash(int word, int next) => (uint)((word * 0x9E3779B1u) ^ (next * 0x85EBCA77u)) >> 16;

    // Never 0, which marks an empty slot.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private uint EdgeKey(int node, int word) => (uint)((node * vocabularySize) + word + 1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int SlotOf(uint path) => (int)(path >> edgeShift);

    // The words from a root to a node, hashed a word at a time: a node is its path, so this places its edge (SlotOf).
    // Multiplicative steps, so the top bits SlotOf keeps depend on every word of the path; MatchAt and Prefetch both
    // follow a path with these two, and must, or the prefetched slots would be the wrong ones (slower, never wrong).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint RootPath(int word) => (uint)(word + 1) * 0x85EBCA77u;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint PathHash(uint path, int word) => ((path ^ (uint)word) * 0x9E3779B1u) + 0x7F4A7C15u;

    private void Add(Builder builder, int pattern)
    {
        var steps = program.Patterns[pattern].Steps;
        var first = 0;
        var anchored = false;
        if (steps[0].Kind == StepKind.SentenceStart)
        {
            anchored = true;
            first = 1;
        }

        // A pattern that begins with a name is indexed under the unknown word, then the words after the name.
        var lookaheads = new Lookahead?[steps.Length + 1];
        if (steps[first].Kind == StepKind.Name)
        {
            AddPrefixes(builder, pattern, anchored, steps, first + 1, Vocabulary.Other, builder.RootOf(Vocabulary.Other), 1, 1, lookaheads);
        }
        else
        {
            AddPrefixes(builder, pattern, anchored, steps, first, -1, -1, 0, 1, lookaheads);
        }
    }

    /// <summary>
    /// Indexes the pattern under every word path it can begin with, going on from the step after the path:
    /// single-word steps are followed as deep as the combinations stay few, and an optional word branches (taken,
    /// or not). The path is followed down the trie as it grows (<paramref name="node"/>, its last word's; -1 before the
    /// first), each node made as it is first reached, in the order a walk from the root for each path made them.
    /// </summary>
    private void AddPrefixes(
        Builder builder, int pattern, bool anchored, Step[] steps, int step, int firstWord, int node, int length, int combinations, Lookahead?[] lookaheads)
    {
        // The first word is always indexed, however many alternatives it has.
        var canExtend = step < steps.Length && length < MaxPrefixDepth
            && steps[step] is { Kind: StepKind.Words, Negated: false, Max: 1 } next
            && (length == 0 || combinations * next.Ids.Length <= MaxPrefixCombinations);
        if (!canExtend)
        {
            // The compiler makes every pattern begin with a required word or a name, so a path is never empty here.
            System.Diagnostics.Debug.Assert(length > 0, "A pattern's path ends before its first word.");
            builder.Unanchored[firstWord] |= !anchored;
            var lookahead = lookaheads[step] ??= Lookahead.For(steps, step);
            builder.AddEntry(node, new Entry(pattern, step, program.Patterns[pattern].RuleIndex, anchored, lookahead));
            return;
        }

        var words = steps[step];
        foreach (var id in words.Ids)
        {
            var (first, child) = length == 0 ? (id, builder.RootOf(id)) : (firstWord, builder.ChildOf(node, id));
            AddPrefixes(builder, pattern, anchored, steps, step + 1, first, child, length + 1, combinations * words.Ids.Length, lookaheads);
        }

        if (words.Min == 0)
        {
            AddPrefixes(builder, pattern, anchored, steps, step + 1, firstWord, node, length, combinations, lookaheads);
        }
    }

    /// <summary>
    /// The trie as it is built: its nodes by number, each node's children and entries threaded through flat lists in the
    /// order they were added, and every (node, word) edge in one dictionary. A few large arrays, where a linked node per
    /// prefix with its own dictionary and list made tens of thousands of small objects that every collection during the
    /// catalog's load marked and copied (about a quarter of the native command line's start-up).
    /// </summary>
    private sealed class Builder
    {
        private readonly Dictionary<long, int> edges = [];
        private readonly List<int> words = [];
        private readonly List<int> firstChildren = [];
        private readonly List<int> lastChildren = [];
        private readonly List<int> nextSiblings = [];
        private readonly List<int> firstEntries = [];
        private readonly List<int> lastEntries = [];
        private readonly List<int> entryCounts = [];
        private readonly List<Entry> entries = [];
        private readonly List<int> nextEntries = [];

        public Builder(int vocabularySize)
        {
            Roots = new int[vocabularySize];
            Array.Fill(Roots, -1);
            Unanchored = new bool[vocabularySize];
        }

        /// <summary>By word id: the node of the patterns that begin with the word, or -1.</summary>
        public int[] Roots { get; }

        /// <summary>By word id: whether a pattern under the word may match after a word (one not anchored to a sentence's start).</summary>
        public bool[] Unanchored { get; }

        public int NodeCount => words.Count;

        public int RootOf(int word) => Roots[word] >= 0 ? Roots[word] : Roots[word] = NewNode(word);

        public int ChildOf(int node, int word)
        {
            var key = ((long)node << 32) | (uint)word;
            if (!edges.TryGetValue(key, out var child))
            {
                child = NewNode(word);
                edges.Add(key, child);
                Append(firstChildren, lastChildren, nextSiblings, node, child);
            }

            return child;
        }

        public void AddEntry(int node, Entry entry)
        {
            entries.Add(entry);
            nextEntries.Add(-1);
            Append(firstEntries, lastEntries, nextEntries, node, entries.Count - 1);
            entryCounts[node]++;
        }

        public int EntryCount(int node) => entryCounts[node];

        public bool HasChildren(int node) => firstChildren[node] >= 0;

        public IEnumerable<Entry> EntriesOf(int node)
        {
            for (var entry = firstEntries[node]; entry >= 0; entry = nextEntries[entry])
            {
                yield return entries[entry];
            }
        }

        public IEnumerable<(int Word, int Child)> ChildrenOf(int node)
        {
            for (var child = firstChildren[node]; child >= 0; child = nextSiblings[child])
            {
                yield return (words[child], child);
            }
        }

        // Links an item at the end of a node's list: each list is kept in the order its items were added.
        private static void Append(List<int> firsts, List<int> lasts, List<int> nexts, int node, int item)
        {
            if (lasts[node] < 0)
            {
                firsts[node] = item;
            }
            else
            {
                nexts[lasts[node]] = item;
            }

            lasts[node] = item;
        }

        private int NewNode(int word)
        {
            words.Add(word);
            firstChildren.Add(-1);
            lastChildren.Add(-1);
            nextSiblings.Add(-1);
            firstEntries.Add(-1);
            lastEntries.Add(-1);
            entryCounts.Add(0);
            return words.Count - 1;
        }
    }

    private readonly record struct Edge(uint Key, int Child);

    // Sixteen bytes, so that the entries a long text visits stay in the processor's cache.
    private readonly struct Entry(int pattern, int nextStep, int rule, bool anchored, Lookahead lookahead)
    {
        private readonly ulong lookaheadWords = lookahead.Words;

        public int Pattern { get; } = pattern;

        public byte NextStep { get; } = checked((byte)nextStep);

        public byte Rule { get; } = checked((byte)rule);

        private readonly byte lookaheadWindow = checked((byte)lookahead.Window);

        public bool Anchored { get; } = anchored;

        public Lookahead Lookahead => new(lookaheadWords, lookaheadWindow);

        // A node's header, in the same sixteen bytes: its entry count in Pattern, whether it has children in Anchored.
        public int EntryCount => Pattern;

        public bool HasChildren => Anchored;

        public static Entry Header(int entryCount, bool hasChildren) => new(entryCount, 0, 0, hasChildren, Lookahead.None);
    }
}
