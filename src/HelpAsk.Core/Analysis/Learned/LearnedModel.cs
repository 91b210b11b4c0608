using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace HelpAsk.Core.Analysis.Learned;

/// <summary>
/// A per-rule logistic regression over a message's words and word pairs (<see cref="FeatureReader"/>), for the rules
/// where it finds what the catalog's constructions miss. It is data: weights, a bias and a lift per rule, trained on the
/// train part of the labelled corpus (<see cref="LearnedModelTrainer"/>) and embedded in this assembly
/// (<c>Analysis/Learned/learned-model.bin</c>). A rule is raised by the model when the message's words raise its log-odds
/// by the rule's lift above what the message's kind alone gives, the lift chosen by cross-validation; and in a message,
/// what a pitfall's patterns found is withdrawn when the model's probability for that pitfall is below the veto, one
/// floor for all pitfalls chosen by cross-validation so that what it withdraws is mostly wrong.
/// </summary>
public sealed class LearnedModel
{
    private const string ResourceName = "HelpAsk.Core.Analysis.Learned.learned-model.bin";
    private const int FormatVersion = 3;

    // The smallest lift a model file may hold.
    private const float SmallestLift = 0.01f;

    // How many features are looked up together (see Score).
    private const int Batch = 64;

    private static readonly Lazy<LearnedModel> BuiltIn = new(() =>
    {
        using var stream = typeof(LearnedModel).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The learned model ({ResourceName}) is not embedded.");
        return Read(stream);
    });

    // Feature to weight row, open addressing: each slot one 64-bit word (feature << 32 | row + 1; 0 is empty), so a
    // lookup reads one cache line; at most two thirds full (2 MB for today's 162,000 features; at most half full took
    // 4 MB, and short messages about 1% more of the command line's time).
    // No bit filter in front (one bit per feature, 256 KB, which turned away most word pairs without reading a slot):
    // with every slot asked for at once, a feature the model has waited on the filter's word and then on its slot;
    // without the filter the command line measured about 1% cheaper on short messages, and no slower in process
    // (docs/performance.md, session 22, third round).
    private readonly ulong[] slots;
    private readonly int shift;

    // Each rule's bias, and the number of rows, as a plain array and number: read by every pass, where the lists cost an
    // interface call each in the native build.
    private readonly float[] biases;
    private readonly int rowCount;

    // The weights at half precision, as the model file keeps them (so nothing is lost), a row per feature padded to a
    // whole number of 16-lane vectors and aligned to 32 bytes: a row of up to 16 rules is one read within one cache line,
    // and the table is half the size of one in single precision. Pinned, so that the alignment holds.
    private readonly ushort[] halves;
    private readonly int first;
    private readonly int stride;

    internal LearnedModel(IReadOnlyList<LearnedRule> rules, IReadOnlyList<uint> features, float[] weights)
        : this(rules, features, HalvesOf(weights))
    {
    }

    /// <summary>A model from its weights' half-precision bits, row by row, as the model file keeps them.</summary>
    private LearnedModel(IReadOnlyList<LearnedRule> rules, IReadOnlyList<uint> features, ushort[] weights)
    {
        Rules = rules;
        Features = features;
        biases = [.. rules.Select(r => r.Bias)];
        rowCount = features.Count;
        var bits = Math.Max(4, 64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)features.Count * 3 / 2));
        slots = new ulong[1 << bits];
        shift = 32 - bits;
        for (var row = 0; row < features.Count; row++)
        {
            var slot = SlotOf(features[row]);
            while (slots[slot] != 0)
            {
                slot = (slot + 1) & (slots.Length - 1);
            }

            slots[slot] = ((ulong)features[row] << 32) | (uint)(row + 1);
        }

        stride = Math.Max(1, (rules.Count + Vector256<ushort>.Count - 1) / Vector256<ushort>.Count) * Vector256<ushort>.Count;
        halves = GC.AllocateArray<ushort>((features.Count * stride) + 16, pinned: true);
        first = AlignedStart(halves);
        for (var row = 0; row < features.Count; row++)
        {
            weights.AsSpan(row * rules.Count, rules.Count).CopyTo(halves.AsSpan(first + (row * stride)));
        }
    }

    private static ushort[] HalvesOf(float[] weights)
    {
        var bits = new ushort[weights.Length];
        for (var i = 0; i < weights.Length; i++)
        {
            var half = (Half)weights[i];
            if (!Half.IsFinite(half) || (float)half != weights[i])
            {
                throw new ArgumentException($"Weight {weights[i]} is not a finite half-precision number, as the model keeps its weights.", nameof(weights));
            }

            bits[i] = BitConverter.HalfToUInt16Bits(half);
        }

        return bits;
    }

    private static unsafe int AlignedStart(ushort[] pinned)
    {
        var address = (nint)System.Runtime.CompilerServices.Unsafe.AsPointer(ref pinned[0]);
        return (int)((32 - (address & 31)) & 31) / sizeof(ushort);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int SlotOf(uint feature) => (int)((feature * 0x9E3779B1u) >> shift);

    /// <summary>The weight row of a feature, or -1 when the model has none for it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int RowOf(uint feature)
    {
        for (var slot = SlotOf(feature); ; slot = (slot + 1) & (slots.Length - 1))
        {
            var entry = slots[slot];
            if (entry == 0)
            {
                return -1;
            }

            if ((uint)(entry >> 32) == feature)
            {
                return (int)(uint)entry - 1;
            }
        }
    }

    /// <summary>The model embedded in HelpAsk.Core, trained on the project's labelled corpus.</summary>
    public static LearnedModel Default => BuiltIn.Value;

    /// <summary>A model that raises nothing: the rules alone.</summary>
    public static LearnedModel None { get; } = new([], [], Array.Empty<ushort>());

    internal IReadOnlyList<LearnedRule> Rules { get; }

    internal IReadOnlyList<uint> Features { get; }

    /// <summary>The weight of feature row <paramref name="row"/> for rule <paramref name="rule"/>.</summary>
    internal float Weight(int row, int rule) => (float)BitConverter.UInt16BitsToHalf(halves[first + (row * stride) + rule]);

    /// <summary>
    /// A rule's log-odds for a message of this kind before any of its words are read: its bias and the kind's weight.
    /// </summary>
    internal float PriorLogit(int rule, MessageKind kind)
    {
        var row = RowOf(new FeatureReader([], kind).KindFeature);
        return row < 0 ? Rules[rule].Bias : Rules[rule].Bias + Weight(row, rule);
    }

    /// <summary>
    /// Each rule's log-odds for the message, in <see cref="Rules"/> order, and for every rule where the message says most
    /// of it: the sentence whose features add the most to the rule, from its first word to its last, in
    /// <paramref name="strongest"/>. One pass over the text for both, so a message that raises a rule is not read again.
    /// </summary>
    /// <remarks>
    /// Its stack buffers are not zeroed on entry (<see cref="SkipLocalsInitAttribute"/>): each is cleared or written before
    /// it is read.
    /// </remarks>
    [SkipLocalsInit]
    internal void Score(ReadOnlySpan<char> text, MessageKind kind, Span<float> logits, Span<(int Start, int End)> strongest)
    {
        var count = biases.Length;

        // Every rule's sum in its own lane, padded like a weight row: each feature adds its row lane by lane, in the
        // features' order, so each sum is the very float a rule-by-rule loop gives.
        Span<float> sums = stackalloc float[stride];
        Span<float> score = stackalloc float[stride];
        // Padded like a row too, its padding lanes never beaten (a padding lane's score is 0), so Close compares whole vectors.
        Span<float> best = stackalloc float[stride];
        sums.Clear();
        for (var rule = 0; rule < count; rule++)
        {
            sums[rule] = biases[rule];
        }

        best[..count].Fill(float.NegativeInfinity);
        best[count..].Fill(float.PositiveInfinity);
        score.Clear();
        var (start, end, current) = (-1, -1, -1);

        // The features are read a batch at a time and their table slots and weight rows fetched together, so that
        // their cache misses overlap instead of coming one after the other (the tables are larger than the cache).
        Span<uint> features = stackalloc uint[Batch];
        Span<int> rows = stackalloc int[Batch];
        Span<(int Sentence, int Start, int End)> words = stackalloc (int, int, int)[Batch];
        var reader = new FeatureReader(text, kind);

        // The trainer counts each of a message's features once (a word said twice is one feature), so the message's sums
        // do too; a sentence's score, which only places the finding, counts every occurrence.
        var seen = SeenRows.For(rowCount);

        // The kind of message comes first, counted in the first sentence, which it opens at the text's start.
        features[0] = reader.KindFeature;
        words[0] = (0, 0, 0);
        var read = 1;
        var more = true;
        while (more)
        {
            while (read < Batch - 1 && (more = reader.NextWord(out var word, out var pair, out var hasPair)))
            {
                var at = (reader.Sentence, reader.WordStart, reader.WordEnd);
                features[read] = word;
                words[read++] = at;
                if (hasPair)
                {
                    features[read] = pair;
                    words[read++] = at;
                }
            }

            RowsOf(features[..read], rows);
            for (var i = 0; i < read; i++)
            {
                if (words[i].Sentence != current)
                {
                    Close(strongest, best, score, start, end);
                    (current, start) = (words[i].Sentence, words[i].Start);
                }

                end = words[i].End;
                if (rows[i] >= 0)
                {
                    Add(rows[i], seen.Add(rows[i]) ? sums : [], score);
                }
            }

            read = 0;
        }

        Close(strongest, best, score, start, end);
        sums[..count].CopyTo(logits);

        // A sentence's scores compared with the best so far eight rules at a time; only the rules it beats are written.
        static void Close(Span<(int Start, int End)> strongest, Span<float> best, Span<float> score, int start, int end)
        {
            ref var scores = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(score);
            ref var bests = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(best);
            for (var lane = 0; start >= 0 && lane < best.Length; lane += Vector256<float>.Count)
            {
                var beaten = Vector256.GreaterThan(Vector256.LoadUnsafe(ref scores, (nuint)lane), Vector256.LoadUnsafe(ref bests, (nuint)lane))
                    .ExtractMostSignificantBits();
                for (; beaten != 0; beaten &= beaten - 1)
                {
                    var rule = lane + System.Numerics.BitOperations.TrailingZeroCount(beaten);
                    (best[rule], strongest[rule]) = (score[rule], (start, end));
                }
            }

            score.Clear();
        }
    }

    /// <summary>
    /// Adds a weight row to the sentence's score and, unless <paramref name="sums"/> is empty (a feature the message
    /// already had), to the message's sums, 16 rules at a time.
    /// </summary>
    private void Add(int row, Span<float> sums, Span<float> score)
    {
        ref var weight = ref halves[first + (row * stride)];
        ref var sentence = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(score);
        var toSums = !sums.IsEmpty;
        ref var sum = ref toSums ? ref System.Runtime.InteropServices.MemoryMarshal.GetReference(sums) : ref sentence;
        for (var lane = 0; lane < stride; lane += Vector256<ushort>.Count)
        {
            var packed = Vector256.LoadUnsafe(ref weight, (nuint)lane);
            var (low, high) = (ToSingle(Vector256.WidenLower(packed)), ToSingle(Vector256.WidenUpper(packed)));
            var next = (nuint)(lane + Vector256<float>.Count);
            if (toSums)
            {
                (Vector256.LoadUnsafe(ref sum, (nuint)lane) + low).StoreUnsafe(ref sum, (nuint)lane);
                (Vector256.LoadUnsafe(ref sum, next) + high).StoreUnsafe(ref sum, next);
            }

            (Vector256.LoadUnsafe(ref sentence, (nuint)lane) + low).StoreUnsafe(ref sentence, (nuint)lane);
            (Vector256.LoadUnsafe(ref sentence, next) + high).StoreUnsafe(ref sentence, next);
        }
    }

    /// <summary>
    /// Half-precision bits (one per 32-bit lane) as single precision, exactly as a conversion of each finite
    /// <see cref="Half"/> gives: the exponent and fraction moved into place, then scaled by 2^112 (the difference of the
    /// two exponent biases), which also makes subnormal halves exact; the sign put back last.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<float> ToSingle(Vector256<uint> bits)
    {
        var magnitude = Vector256.AsSingle((bits & Vector256.Create(0x7FFFu)) << 13) * Vector256.Create(5.192297E+33f);
        return Vector256.AsSingle(Vector256.AsUInt32(magnitude) | ((bits & Vector256.Create(0x8000u)) << 16));
    }

    /// <summary>
    /// The weight row of each feature, or -1: every slot and row is asked for before any is used.
    /// </summary>
    private unsafe void RowsOf(ReadOnlySpan<uint> features, Span<int> rows)
    {
        fixed (ulong* slot = slots)
        {
            for (var i = 0; i < features.Length && Sse.IsSupported; i++)
            {
                Sse.Prefetch0(slot + SlotOf(features[i]));
            }
        }

        // Each weight row asked for as soon as its slot answers, so that it arrives while the other slots are read.
        fixed (ushort* weight = halves)
        {
            for (var i = 0; i < features.Length; i++)
            {
                if ((rows[i] = RowOf(features[i])) >= 0 && Sse.IsSupported)
                {
                    Sse.Prefetch0(weight + first + (rows[i] * stride));
                }
            }
        }
    }

    public static LearnedModel Read(Stream stream)
    {
        using var reader = new BinaryReader(stream);
        // Formats 1 and 2 kept a probability threshold for each rule, which a lift cannot be made from: retrain.
        var version = reader.ReadInt32();
        if (version != FormatVersion)
        {
            throw new InvalidDataException(version is 1 or 2
                ? "The learned model was trained before lifts (format 1 or 2): train it again with this build."
                : "The learned model is in a format this build does not read.");
        }

        var rules = new LearnedRule[reader.ReadInt32()];
        for (var i = 0; i < rules.Length; i++)
        {
            rules[i] = new LearnedRule(reader.ReadString(), reader.ReadSingle(), reader.ReadSingle(), reader.ReadSingle());
            // A bias of minus infinity, or a lift of zero or one lost when added to a prior, would let a rule's prior alone
            // add it to every message (the trainer's smallest lift is 1.0).
            if (!float.IsFinite(rules[i].Bias))
            {
                throw new InvalidDataException($"The learned model's bias for {rules[i].Id} ({rules[i].Bias}) is not a finite number.");
            }

            if (!(rules[i].Lift >= SmallestLift))
            {
                throw new InvalidDataException($"The learned model's lift for {rules[i].Id} ({rules[i].Lift}) is below {SmallestLift}.");
            }

            if (rules[i].Veto is < 0 or >= 0.5f || float.IsNaN(rules[i].Veto))
            {
                throw new InvalidDataException($"The learned model's veto for {rules[i].Id} ({rules[i].Veto}) is not a probability below one half.");
            }
        }

        var features = new uint[reader.ReadInt32()];
        for (var i = 0; i < features.Length; i++)
        {
            features[i] = reader.ReadUInt32();
        }

        // The weights' bits read as they are, at once: a weight at a time, through a conversion to single precision and back,
        // was a tenth of the native command line's start-up. Any finite half is exact; an infinity or NaN is refused.
        var weights = new ushort[features.Length * rules.Length];
        reader.BaseStream.ReadExactly(System.Runtime.InteropServices.MemoryMarshal.AsBytes(weights.AsSpan()));
        if (!BitConverter.IsLittleEndian)
        {
            System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(weights, weights);
        }

        foreach (var weight in weights)
        {
            if ((weight & 0x7C00) == 0x7C00)
            {
                throw new InvalidDataException($"The learned model has a weight that is not a finite number ({BitConverter.UInt16BitsToHalf(weight)}).");
            }
        }

        return new LearnedModel(rules, features, weights);
    }

    /// <summary>Writes the model; weights are kept at half precision, which is what <see cref="Read"/> gives back.</summary>
    public void Write(Stream stream)
    {
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        writer.Write(FormatVersion);
        writer.Write(Rules.Count);
        foreach (var rule in Rules)
        {
            writer.Write(rule.Id);
            writer.Write(rule.Bias);
            writer.Write(rule.Lift);
            writer.Write(rule.Veto);
        }

        writer.Write(Features.Count);
        foreach (var feature in Features)
        {
            writer.Write(feature);
        }

        for (var row = 0; row < Features.Count; row++)
        {
            for (var rule = 0; rule < Rules.Count; rule++)
            {
                writer.Write(BitConverter.UInt16BitsToHalf(halves[first + (row * stride) + rule]));
            }
        }
    }
}

/// <summary>
/// The weight rows a message has had, per thread and reused: a bit per row (20 KB for today's model), of which only the
/// words a message set are cleared before the next message, where clearing the whole set cost each short message more than
/// its additions.
/// </summary>
internal sealed class SeenRows
{
    [ThreadStatic]
    private static SeenRows? current;

    private readonly ulong[] bits;
    private int[] setWords = new int[64];
    private int setCount;

    private SeenRows(int rows) => bits = new ulong[(rows + 63) / 64];

    /// <summary>This thread's set, empty, for a model of <paramref name="rows"/> rows.</summary>
    public static SeenRows For(int rows)
    {
        var seen = current;
        if (seen is null || seen.bits.Length < (rows + 63) / 64)
        {
            return current = new SeenRows(rows);
        }

        // Cleared here rather than after the message, so a pass that ended early leaves nothing behind.
        foreach (var word in seen.setWords.AsSpan(0, seen.setCount))
        {
            seen.bits[word] = 0;
        }

        seen.setCount = 0;
        return seen;
    }

    /// <summary>Adds a row; whether it was new.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Add(int row)
    {
        ref var word = ref bits[row >> 6];
        var bit = 1UL << (row & 63);
        if ((word & bit) != 0)
        {
            return false;
        }

        if (word == 0)
        {
            if (setCount == setWords.Length)
            {
                Array.Resize(ref setWords, setCount * 2);
            }

            setWords[setCount++] = row >> 6;
        }

        word |= bit;
        return true;
    }
}

/// <summary>
/// One rule of the model: its bias; its lift, how far a message's words must raise its log-odds above what the
/// message's kind alone gives for the model to raise it (infinite where the model adds nothing); and the probability
/// below which it withdraws what the rule's own patterns found in a message (<paramref name="Veto"/>; 0 withdraws
/// nothing).
/// </summary>
internal sealed record LearnedRule(string Id, float Bias, float Lift, float Veto = 0)
{
    /// <summary>The log-odds under which the patterns' findings are withdrawn (never, for no veto).</summary>
    public float LogitVeto => Veto > 0 ? MathF.Log(Veto / (1 - Veto)) : float.NegativeInfinity;
}
