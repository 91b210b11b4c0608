using System.Runtime.CompilerServices;

namespace HelpAsk.Core.Analysis.Engine;

/// <summary>
/// Every word form the rules know, in an open-addressing hash table. The tokenizer packs a word's
/// letters (case and apostrophe style folded in) into a 64-bit key as it scans it, then makes one
/// probe: the key is the word itself up to ten letters, so almost no lookup compares characters.
/// The table takes a few kilobytes that stay in the processor's cache, where a character automaton
/// over the same forms took over half a megabyte.
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

    private static readonly int[] Unknown = [Vocabulary.Other];

    private readonly Slot[] slots;
    private readonly int shift;
    private readonly byte[] symbols;
    private readonly int[] formStarts;
    private readonly int[][] formIds;
    private readonly int longestForm;

    public WordTable(IReadOnlyDictionary<string, int[]> forms)
    {
        var usable = forms.Where(f => f.Key.Length > 0 && f.Key.All(c => Symbol(c) is not (0 or OtherLetter))).ToList();
        var bits = 4;
        while (1 << bits < usable.Count * 3)
        {
            bits++;
        }

        slots = new Slot[1 << bits];
        shift = 64 - bits;
        formIds = new int[usable.Count][];
        formStarts = new int[usable.Count + 1];
        var allSymbols = new List<byte>();
        for (var f = 0; f < usable.Count; f++)
        {
            var (form, ids) = usable[f];
            formIds[f] = ids;
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

            slots[slot] = new Slot(key, f + 1, form.Length);
        }

        formStarts[usable.Count] = allSymbols.Count;
        symbols = [.. allSymbols];
    }

    public int FormCount => formIds.Length;

    /// <summary>
    /// Reads a word starting at <paramref name="start"/> (letters, digits, and apostrophes followed by a
    /// letter) and returns where it ends, with the word ids of its form: <see cref="Vocabulary.Other"/>
    /// for a word the rules do not know. A possessive ("Mom's", "everyone's") reads as its noun.
    /// </summary>
    public int ReadWord(ReadOnlySpan<char> text, int start, out int[] ids)
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

    private int[]? Find(ReadOnlySpan<char> text, int start, int end, ulong key)
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
                return formIds[entry.Form - 1];
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

    private readonly record struct Slot(ulong Key, int Form, int Length);
}
