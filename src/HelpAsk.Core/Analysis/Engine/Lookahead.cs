using System.Numerics;
using System.Runtime.CompilerServices;

namespace HelpAsk.Core.Analysis.Engine;

/// <summary>
/// A quick test that rejects most attempts before a pattern is run: the pattern's most selective
/// required word set (a Bloom filter, two bits of 64 per word id) and how many tokens ahead its word can stand.
/// If no token in that window carries both its bits, the pattern cannot match there. Patterns
/// with gaps ("your … the reason I") made most of the matcher's work before this.
/// </summary>
internal readonly record struct Lookahead(ulong Words, int Window)
{
    public static readonly Lookahead None = new(ulong.MaxValue, 0);

    /// <summary>The lookahead for a pattern's steps from <paramref name="from"/> on.</summary>
    public static Lookahead For(Step[] steps, int from)
    {
        var best = None;
        var bestSize = int.MaxValue;
        var offset = 0;
        for (var k = from; k < steps.Length; k++)
        {
            var step = steps[k];
            if (step is { Kind: StepKind.Words, Negated: false, Min: > 0 } && offset < byte.MaxValue)
            {
                var filter = 0UL;
                foreach (var id in step.Ids)
                {
                    filter |= BitsOf(id);
                }

                // The fewest bits set lets the fewest other words through.
                var size = BitOperations.PopCount(filter);
                if (size < bestSize)
                {
                    bestSize = size;
                    best = new Lookahead(filter, offset + 1);
                }
            }

            if (step.Kind is StepKind.Words or StepKind.Any or StepKind.Name)
            {
                offset += step.Max;
            }
        }

        return best;
    }

    /// <summary>What any of several patterns needs ahead: all their words, as far as the furthest reaches.</summary>
    public static Lookahead Union(IEnumerable<Lookahead> lookaheads)
    {
        var words = 0UL;
        var window = 0;
        foreach (var lookahead in lookaheads)
        {
            words |= lookahead.Words;
            window = Math.Max(window, lookahead.Window);
        }

        return words == ulong.MaxValue ? None : new Lookahead(words, window);
    }

    /// <summary>Whether a match may continue from <paramref name="position"/>; no match spans a sentence boundary.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Admits(ReadOnlySpan<Token> tokens, int position)
    {
        if (Words == ulong.MaxValue)
        {
            return true;
        }

        var end = Math.Min(position + Window, tokens.Length);
        for (var i = position; i < end; i++)
        {
            var id = tokens[i].Id;
            if (id == Vocabulary.Boundary)
            {
                return false;
            }

            var bits = BitsOf(id);
            if ((Words & bits) == bits)
            {
                return true;
            }
        }

        return false;
    }

    // Two bits rather than one (the id modulo 64): a set of k words lets other words through about (2k/64)² of the time
    // instead of k/64 (three words: about 1 in 110 instead of 1 in 21), and each that passes costs a pattern's run. The
    // id's low six bits and the six above them (a shift counts modulo 64), with no multiply: a hashed pair cost every
    // scanned token a multiply's latency, 2% of a 2 KB text. About half the masks are shared by two ids, which costs
    // only runs. The 63 keeps the commonest ids, unknown words, boundaries and punctuation (0 to 2), from sharing a mask
    // with any id under 3,967 (the catalog has about 2,900): with 42, word 2,730's mask was the unknown word's, so a set holding it let every unknown word through.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong BitsOf(int id) => (1UL << id) | (1UL << ((id >> 6) ^ 63));
}
