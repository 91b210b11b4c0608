using System.Runtime.CompilerServices;

namespace HelpAsk.Core.Analysis.Learned;

/// <summary>
/// Reads a message's features for the learned model, as 32-bit hashes and without allocating: the kind of message,
/// each lower-cased word (straight and curly apostrophes alike), and each pair of neighbouring words within a sentence.
/// The trainer and the analyzer read through this one type, so a model always sees the features it was trained on.
/// </summary>
internal ref struct FeatureReader
{
    private const uint FnvOffset = 2166136261;
    private const uint FnvPrime = 16777619;

    private readonly ReadOnlySpan<char> text;
    private int at;
    private uint previousWord;
    private bool hasPrevious;
    private uint pendingPair;
    private bool hasPendingPair;
    private bool kindRead;
    private readonly uint kindFeature;

    public FeatureReader(ReadOnlySpan<char> text, MessageKind kind)
    {
        this.text = text;
        kindFeature = kind == MessageKind.Request ? 0x6b1d_0001u : 0x6b1d_0002u;
    }

    /// <summary>Which sentence the last word read is in, counted from 0.</summary>
    public int Sentence { get; private set; }

    /// <summary>Where the last word read starts and ends in the text.</summary>
    public int WordStart { get; private set; }

    public int WordEnd { get; private set; }

    public bool Next(out uint feature)
    {
        if (!kindRead)
        {
            kindRead = true;
            feature = kindFeature;
            return true;
        }

        if (hasPendingPair)
        {
            hasPendingPair = false;
            feature = pendingPair;
            return true;
        }

        if (!NextWord(out feature, out var pair, out hasPendingPair))
        {
            return false;
        }

        pendingPair = pair;
        return true;
    }

    /// <summary>The kind of message: the first feature, before any word.</summary>
    public readonly uint KindFeature => kindFeature;

    /// <summary>
    /// The next word's feature, and the pair it makes with the word before it in its sentence when there is one: the
    /// features <see cref="Next"/> gives after the kind, in the same order (the word, then its pair), a word at a time.
    /// </summary>
    public bool NextWord(out uint word, out uint pair, out bool hasPair)
    {
        // Locals rather than the fields, so that the loops over characters keep them in registers.
        var span = text;
        var i = at;
        var brokeSentence = false;
        while (i < span.Length && !IsWordChar(span[i]))
        {
            brokeSentence |= span[i] is '.' or '!' or '?' or '\n';
            i++;
        }

        if (i >= span.Length)
        {
            at = i;
            (word, pair, hasPair) = (0, 0, false);
            return false;
        }

        if (brokeSentence && WordEnd > 0)
        {
            Sentence++;
            hasPrevious = false;
        }

        WordStart = i;

        // ASCII in a loop of its own, with no call on any path, so that the hash and the index stay in registers (with the
        // call below in the loop, the native build kept both on the stack and the hash's multiply chain waited on a store
        // and a load each character).
        var hash = FnvOffset;
        for (; i < span.Length; i++)
        {
            var c = span[i];
            if (c >= 128)
            {
                (i, hash) = HashBeyondAscii(span, i, hash);
                break;
            }

            uint lower = AsciiWordChars[c];
            if (lower == 0)
            {
                break;
            }

            hash = (hash ^ lower) * FnvPrime;
        }

        (at, WordEnd) = (i, i);
        hasPair = hasPrevious;
        pair = hasPrevious ? Pair(previousWord, hash) : 0;
        previousWord = hash;
        hasPrevious = true;
        word = hash;
        return true;
    }

    /// <summary>The rest of a word from its first character beyond ASCII: where it ends, and its hash.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (int End, uint Hash) HashBeyondAscii(ReadOnlySpan<char> span, int i, uint hash)
    {
        for (; i < span.Length; i++)
        {
            var c = span[i];
            uint lower = c < 128 ? AsciiWordChars[c] : IsWordChar(c) ? (c == '’' ? '\'' : char.ToLowerInvariant(c)) : 0u;
            if (lower == 0)
            {
                break;
            }

            hash = (hash ^ lower) * FnvPrime;
        }

        return (i, hash);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Pair(uint first, uint second) => ((first * 0x9E3779B1u) ^ (second + 0x7F4A7C15u)) * FnvPrime;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsWordChar(char c) =>
        c < 128 ? AsciiWordChars[c] != 0 : char.IsLetterOrDigit(c) || c == '’';

    // Each ASCII character as the word reader hashes it (upper case lowered), or 0 where it is not part of a word: one
    // load instead of a word test and a case switch per character. Letters, digits and the apostrophe are word characters.
    private static ReadOnlySpan<byte> AsciiWordChars =>
    [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 39, 0, 0, 0, 0, 0, 0, 0, 0,
        48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 0, 0, 0, 0, 0, 0,
        0, 97, 98, 99, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111,
        112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 0, 0, 0, 0, 0,
        0, 97, 98, 99, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111,
        112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 0, 0, 0, 0, 0,
    ];
}
