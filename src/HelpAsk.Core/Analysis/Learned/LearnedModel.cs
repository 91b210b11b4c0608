using System.Runtime.Intrinsics.X86;

namespace HelpAsk.Core.Analysis.Learned;

/// <summary>
/// A per-rule logistic regression over a message's words and word pairs (<see cref="FeatureReader"/>), for the rules
/// where it finds what the catalog's constructions miss. It is data: weights, a bias and a threshold per rule, trained
/// on the train part of the labelled corpus (<see cref="LearnedModelTrainer"/>) and embedded in this assembly
/// (<c>Analysis/Learned/learned-model.bin</c>). A rule is raised by the model when the probability reaches its
/// threshold, chosen by cross-validation so that what the model adds over the rules is mostly right.
/// </summary>
public sealed class LearnedModel
{
    private const string ResourceName = "HelpAsk.Core.Analysis.Learned.learned-model.bin";
    private const int FormatVersion = 1;

    // How many features are looked up together (see Score).
    private const int Batch = 64;

    private static readonly Lazy<LearnedModel> BuiltIn = new(() =>
    {
        using var stream = typeof(LearnedModel).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The learned model ({ResourceName}) is not embedded.");
        return Read(stream);
    });

    // Feature to weight row, open addressing: each slot one 64-bit word (feature << 32 | row + 1; 0 is empty), so a
    // lookup reads one cache line; at most half full.
    private readonly ulong[] slots;
    private readonly int shift;
    private readonly float[] weights;

    internal LearnedModel(IReadOnlyList<LearnedRule> rules, IReadOnlyList<uint> features, float[] weights)
    {
        Rules = rules;
        Features = features;
        this.weights = weights;
        var bits = Math.Max(4, 64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)features.Count * 2));
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
    }

    private int SlotOf(uint feature) => (int)((feature * 0x9E3779B1u) >> shift);

    /// <summary>The weight row of a feature, or -1 when the model has none for it.</summary>
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
    public static LearnedModel None { get; } = new([], [], []);

    internal IReadOnlyList<LearnedRule> Rules { get; }

    internal IReadOnlyList<uint> Features { get; }

    /// <summary>The weight of feature row <paramref name="row"/> for rule <paramref name="rule"/>.</summary>
    internal float Weight(int row, int rule) => weights[(row * Rules.Count) + rule];

    /// <summary>
    /// Each rule's log-odds for the message, in <see cref="Rules"/> order, and for every rule where the message says most
    /// of it: the sentence whose features add the most to the rule, from its first word to its last, in
    /// <paramref name="strongest"/>. One pass over the text for both, so a message that raises a rule is not read again.
    /// </summary>
    internal void Score(ReadOnlySpan<char> text, MessageKind kind, Span<float> logits, Span<(int Start, int End)> strongest)
    {
        var count = Rules.Count;
        for (var rule = 0; rule < count; rule++)
        {
            logits[rule] = Rules[rule].Bias;
        }

        Span<float> best = stackalloc float[count];
        Span<float> score = stackalloc float[count];
        best.Fill(float.NegativeInfinity);
        score.Clear();
        var (start, end, current) = (-1, -1, -1);

        // The features are read a batch at a time and their table slots and weight rows fetched together, so that
        // their cache misses overlap instead of coming one after the other (the tables are larger than the cache).
        Span<uint> features = stackalloc uint[Batch];
        Span<int> rows = stackalloc int[Batch];
        Span<(int Sentence, int Start, int End)> words = stackalloc (int, int, int)[Batch];
        var reader = new FeatureReader(text, kind);
        var more = true;
        while (more)
        {
            var read = 0;
            while (read < Batch && (more = reader.Next(out var feature)))
            {
                features[read] = feature;
                words[read++] = (reader.Sentence, reader.WordStart, reader.WordEnd);
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
                    var from = rows[i] * count;
                    for (var rule = 0; rule < count; rule++)
                    {
                        var weight = weights[from + rule];
                        logits[rule] += weight;
                        score[rule] += weight;
                    }
                }
            }
        }

        Close(strongest, best, score, start, end);

        static void Close(Span<(int Start, int End)> strongest, Span<float> best, Span<float> score, int start, int end)
        {
            for (var rule = 0; start >= 0 && rule < score.Length; rule++)
            {
                if (score[rule] > best[rule])
                {
                    (best[rule], strongest[rule]) = (score[rule], (start, end));
                }
            }

            score.Clear();
        }
    }

    /// <summary>The weight row of each feature, or -1; every slot and row is asked for before any is used.</summary>
    private unsafe void RowsOf(ReadOnlySpan<uint> features, Span<int> rows)
    {
        if (Sse.IsSupported)
        {
            fixed (ulong* slot = slots)
            {
                foreach (var feature in features)
                {
                    Sse.Prefetch0(slot + SlotOf(feature));
                }
            }
        }

        for (var i = 0; i < features.Length; i++)
        {
            rows[i] = RowOf(features[i]);
        }

        if (Sse.IsSupported)
        {
            fixed (float* weight = weights)
            {
                for (var i = 0; i < features.Length; i++)
                {
                    if (rows[i] >= 0)
                    {
                        // A row can straddle two cache lines: ask for both ends.
                        var row = weight + (rows[i] * Rules.Count);
                        Sse.Prefetch0(row);
                        Sse.Prefetch0(row + Rules.Count - 1);
                    }
                }
            }
        }
    }

    public static LearnedModel Read(Stream stream)
    {
        using var reader = new BinaryReader(stream);
        if (reader.ReadInt32() != FormatVersion)
        {
            throw new InvalidDataException("The learned model is in a format this build does not read.");
        }

        var rules = new LearnedRule[reader.ReadInt32()];
        for (var i = 0; i < rules.Length; i++)
        {
            rules[i] = new LearnedRule(reader.ReadString(), reader.ReadSingle(), reader.ReadSingle());
        }

        var features = new uint[reader.ReadInt32()];
        for (var i = 0; i < features.Length; i++)
        {
            features[i] = reader.ReadUInt32();
        }

        var weights = new float[features.Length * rules.Length];
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = (float)reader.ReadHalf();
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
            writer.Write(rule.Threshold);
        }

        writer.Write(Features.Count);
        foreach (var feature in Features)
        {
            writer.Write(feature);
        }

        foreach (var weight in weights)
        {
            writer.Write((Half)weight);
        }
    }
}

/// <summary>One rule of the model: its bias, and the probability at which the model raises it.</summary>
internal sealed record LearnedRule(string Id, float Bias, float Threshold)
{
    /// <summary>The log-odds the message's must reach: the threshold's, so no exponent is taken per message.</summary>
    public float LogitThreshold { get; } = MathF.Log(Threshold / (1 - Threshold));
}
