using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace HelpAsk.Core.Analysis.Engine;

/// <summary>
/// Every word form the rules know, in an open-addressing hash table. A word's letters (case and
/// apostrophe style folded in) are packed six bits each into a 64-bit key, then looked up with one
/// probe: up to ten letters the key is the word itself, so almost no lookup compares characters.
/// The table takes 128 KB for the built-in catalog (8,192 slots for its 3,048 forms, at most half full; at
/// most a third full, 256 KB, short messages cost the command line about 2% more, the model's and the trie's
/// tables pushing it out of the cache between messages), where a character automaton over the same forms
/// took over half a megabyte and missed the processor's cache on nearly every character.
/// </summary>
internal sealed class WordTable
{
    // Symbols: 0 ends a word, 1-26 a-z, 27-36 0-9, 37 an apostrophe, 38 a letter no rule uses ("é").
    private const int Apostrophe = 37;
    private const int OtherLetter = 38;
    private const int SymbolBits = 6;
    private const int ExactLength = 64 / SymbolBits; // a key holds this many symbols; longer words are checked

    // One entry per UTF-16 code unit, so the scan needs no separate test for non-ASCII text.
    private static readonly byte[] SymbolOf = BuildSymbols();

    // The flat word-id array starts with [Other], what an unknown word reads as.
    private static readonly FormWords Unknown = new(0, 1);

    private readonly Slot[] slots;
    private readonly int shift;
    private readonly byte[] symbols;
    private readonly int[] formStarts;
    private readonly int[] wordIds;
    private readonly int longestForm;

    public WordTable(IReadOnlyDictionary<string, int[]> forms)
    {
        var usable = forms.Where(f => f.Key.Length is > 0 and <= byte.MaxValue && f.Key.All(c => Symbol(c) is not (0 or OtherLetter))).ToList();
        var bits = 4;
        while (1 << bits < usable.Count * 2)
        {
            bits++;
        }

        slots = new Slot[1 << bits];
        shift = 64 - bits;
        var allWordIds = new List<int> { Vocabulary.Other };
        formStarts = new int[usable.Count + 1];
        var allSymbols = new List<byte>();
        for (var f = 0; f < usable.Count; f++)
        {
            var (form, ids) = usable[f];
            formStarts[f] = allSymbols.Count;
            var key = 0UL;
            foreach (var c in form)
            {
                var symbol = Symbol(c);
                allSymbols.Add((byte)symbol);
                key = Add(key, symbol);
            }

            longestForm = Math.Max(longestForm, form.Length);
            var slot = SlotOf(key);
            while (slots[slot].Form != 0)
            {
                slot = (slot + 1) & (slots.Length - 1);
            }

            slots[slot] = new Slot(key, f + 1, checked((ushort)allWordIds.Count), checked((byte)form.Length), checked((byte)ids.Length));
            allWordIds.AddRange(ids);
        }

        formStarts[usable.Count] = allSymbols.Count;
        symbols = [.. allSymbols];
        wordIds = [.. allWordIds];
    }

    public int FormCount => formStarts.Length - 1;

    /// <summary>The word ids a form read by <see cref="ReadWord"/> stands for ("won't": will, not).</summary>
    public ReadOnlySpan<int> IdsOf(FormWords words) => wordIds.AsSpan(words.First, words.Count);

    /// <summary>
    /// Reads a word starting at <paramref name="start"/> (letters, digits, and apostrophes followed by a
    /// letter) and returns where it ends, with the word ids of its form: <see cref="Vocabulary.Other"/>
    /// for a word the rules do not know. A possessive ("Mom's", "everyone's") reads as its noun.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ReadWord(ReadOnlySpan<char> text, int start, out FormWords ids)
    {
        if (Avx2.IsSupported && text.Length - start >= Vector256<ushort>.Count)
        {
            var end = ReadShortWord(text, start, out ids);
            if (end > 0)
            {
                return end;
            }
        }

        return ReadAnyWord(text, start, out ids);
    }

    /// <summary>
    /// The common case without a loop over characters: a word of plain letters, digits and apostrophes
    /// shorter than sixteen characters, read and packed into its key with a few vector instructions.
    /// Returns 0 when the word is not of that kind, to be read one character at a time.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int ReadShortWord(ReadOnlySpan<char> text, int start, out FormWords ids)
    {
        ids = Unknown;
        var chars = Vector256.LoadUnsafe(ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(text)), (nuint)start);
        var lower = chars | Vector256.Create((ushort)0x20);
        var letters = Vector256.LessThanOrEqual(lower - Vector256.Create((ushort)'a'), Vector256.Create((ushort)25));
        var digits = Vector256.LessThanOrEqual(chars - Vector256.Create((ushort)'0'), Vector256.Create((ushort)9));
        var apostrophes = Vector256.Equals(chars, Vector256.Create((ushort)'\''))
            | Vector256.Equals(chars, Vector256.Create((ushort)'’'))
            | Vector256.Equals(chars, Vector256.Create((ushort)'`'))
            | Vector256.Equals(chars, Vector256.Create((ushort)'‘'))
            | Vector256.Equals(chars, Vector256.Create((ushort)'ʼ'))
            | Vector256.Equals(chars, Vector256.Create((ushort)'´'));
        var letterBits = letters.ExtractMostSignificantBits();
        var apostropheBits = apostrophes.ExtractMostSignificantBits();
        var wordBits = letterBits | digits.ExtractMostSignificantBits() | apostropheBits;

        // The word ends at the first other character, or at an apostrophe not followed by a letter.
        var ends = (~wordBits & 0xFFFF) | (apostropheBits & ~(letterBits >> 1)) | 0x10000;
        var length = BitOperations.TrailingZeroCount(ends);
        if (length == 0 || length == Vector256<ushort>.Count || (apostropheBits & 1) != 0 || text[start + length] >= 128 || ((apostropheBits >> length) & 1) != 0)
        {
            // Too long for one vector, or followed by a letter beyond ASCII (or an apostrophe) that may belong to it.
            return 0;
        }

        if (length > longestForm)
        {
            return start + length;
        }

        var symbols = (letters & (lower - Vector256.Create((ushort)('a' - 1))))
            | (digits & (chars - Vector256.Create((ushort)('0' - 27))))
            | (apostrophes & Vector256.Create((ushort)Apostrophe));

        // Pairs, then pairs of pairs: four 24-bit groups, two 48-bit halves of six-bit symbols in reading order.
        var pairs = Avx2.MultiplyAddAdjacent(symbols.AsInt16(), Vector256.Create((short)64, 1, 64, 1, 64, 1, 64, 1, 64, 1, 64, 1, 64, 1, 64, 1));
        var quads = Avx2.MultiplyAddAdjacent(Avx2.PackSignedSaturate(pairs, Vector256<int>.Zero), Vector256.Create((short)4096, 1, 4096, 1, 4096, 1, 4096, 1, 4096, 1, 4096, 1, 4096, 1, 4096, 1));
        var high = ((ulong)(uint)quads.GetElement(0) << 24) | (uint)quads.GetElement(1);
        var low = ((ulong)(uint)quads.GetElement(4) << 24) | (uint)quads.GetElement(5);

        var end = start + length;
        ids = Find(text, start, end, KeyOf(high, low, length))
            ?? (length >= 3 && ((apostropheBits >> (length - 2)) & 1) != 0 && (text[end - 1] | 0x20) == 's'
                ? Find(text, start, end - 2, KeyOf(high, low, length - 2))
                : null)
            ?? Unknown;
        return end;
    }

    /// <summary>
    /// The key of the first <paramref name="length"/> symbols of sixteen packed in two 48-bit halves: what
    /// <see cref="Add"/> gives one symbol at a time. The symbols after them drop out of the shift.
    /// </summary>
    private static ulong KeyOf(ulong high, ulong low, int length) =>
        length <= 8 ? high >> (48 - (SymbolBits * length)) : (high << ((SymbolBits * length) - 48)) | (low >> (96 - (SymbolBits * length)));

    private int ReadAnyWord(ReadOnlySpan<char> text, int start, out FormWords ids)
    {
        var key = 0UL;
        var keyBeforeApostrophe = 0UL;
        var lastApostrophe = -1;
        var known = true;
        var i = start;
        for (; i < text.Length; i++)
        {
            int symbol = SymbolOf[text[i]];
            if (symbol == 0)
            {
                break;
            }

            if (symbol >= Apostrophe)
            {
                if (symbol == OtherLetter)
                {
                    // Still part of the word, which is then unknown.
                    known = false;
                    continue;
                }

                // An apostrophe inside a word ("won't", "I’m") belongs to it; one at the end ("wits'") does not.
                if (i + 1 >= text.Length || !char.IsLetter(text[i + 1]))
                {
                    break;
                }

                keyBeforeApostrophe = key;
                lastApostrophe = i;
            }

            key = Add(key, symbol);
        }

        ids = Unknown;
        if (known && i - start <= longestForm)
        {
            ids = Find(text, start, i, key)
                ?? (lastApostrophe == i - 2 && (text[i - 1] | 0x20) == 's' && lastApostrophe > start ? Find(text, start, lastApostrophe, keyBeforeApostrophe) : null)
                ?? Unknown;
        }

        return i;
    }

    private FormWords? Find(ReadOnlySpan<char> text, int start, int end, ulong key)
    {
        var length = end - start;
        for (var slot = SlotOf(key); ; slot = (slot + 1) & (slots.Length - 1))
        {
            var entry = slots[slot];
            if (entry.Form == 0)
            {
                return null;
            }

            if (entry.Key == key && entry.Length == length && (length <= ExactLength || Spells(entry.Form - 1, text, start)))
            {
                return new FormWords(entry.FirstWord, entry.WordCount);
            }
        }
    }

    private bool Spells(int form, ReadOnlySpan<char> text, int start)
    {
        var from = formStarts[form];
        for (var k = from; k < formStarts[form + 1]; k++)
        {
            if (Symbol(text[start + k - from]) != symbols[k])
            {
                return false;
            }
        }

        return true;
    }

    // No symbol is 0, so up to ten symbols the key spells the word exactly, its length included.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Add(ulong key, int symbol) => (key << SymbolBits) | (uint)symbol;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int SlotOf(ulong key) => (int)((key * 0x9E3779B97F4A7C15UL) >> shift);

    // Straight, curly, modifier-letter or grave and acute accent apostrophes all read alike.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Symbol(char c) => SymbolOf[c];

    private static byte[] BuildSymbols()
    {
        var table = new byte[char.MaxValue + 1];
        for (var c = 128; c <= char.MaxValue; c++)
        {
            table[c] = char.IsLetterOrDigit((char)c) ? (byte)OtherLetter : (byte)0;
        }

        for (var c = 'a'; c <= 'z'; c++)
        {
            table[c] = (byte)(c - 'a' + 1);
            table[char.ToUpperInvariant(c)] = (byte)(c - 'a' + 1);
        }

        for (var c = '0'; c <= '9'; c++)
        {
            table[c] = (byte)(c - '0' + 27);
        }

        foreach (var apostrophe in "'`’‘ʼ´")
        {
            table[apostrophe] = Apostrophe;
        }

        return table;
    }

    private readonly record struct Slot(ulong Key, int Form, ushort FirstWord, byte Length, byte WordCount);
}

/// <summary>Where the word ids of a form stand in the word table: a plain value, so reading a word writes no reference.</summary>
internal readonly record struct FormWords(ushort First, byte Count);
