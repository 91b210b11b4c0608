using System.Runtime.CompilerServices;

namespace HelpAsk.Core.Analysis.Engine;

/// <summary>
/// A character automaton over every word form the rules know. The tokenizer walks it one character
/// at a time while it scans a word, so recognising a word costs one array read per character and
/// no hashing, no lower-casing copy and no allocation.
/// </summary>
internal sealed class WordAutomaton
{
    public const int Dead = 0;
    public const int Start = 1;

    private const int Symbols = 38; // 0: no symbol, 1-26: a-z, 27-36: 0-9, 37: apostrophe
    private const int Apostrophe = 37;

    private static readonly byte[] SymbolOf = BuildSymbols();

    private readonly int[] transitions;
    private readonly int[]?[] accepted;

    public WordAutomaton(IReadOnlyDictionary<string, int[]> forms)
    {
        var next = new List<int[]> { new int[Symbols], new int[Symbols] };
        var accepts = new List<int[]?> { null, null };
        foreach (var (form, ids) in forms)
        {
            var state = Start;
            foreach (var c in form)
            {
                var symbol = Symbol(c);
                if (symbol == 0)
                {
                    state = Dead;
                    break;
                }

                if (next[state][symbol] == Dead)
                {
                    next[state][symbol] = next.Count;
                    next.Add(new int[Symbols]);
                    accepts.Add(null);
                }

                state = next[state][symbol];
            }

            if (state != Dead)
            {
                accepts[state] = ids;
            }
        }

        transitions = [.. next.SelectMany(row => row)];
        accepted = [.. accepts];
    }

    /// <summary>The state after reading <paramref name="c"/>; case and apostrophe style do not matter.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Step(int state, char c)
    {
        if (state == Dead)
        {
            return Dead;
        }

        var symbol = Symbol(c);
        return symbol == 0 ? Dead : transitions[state * Symbols + symbol];
    }

    /// <summary>
    /// Reads a word starting at <paramref name="start"/> (letters, digits, and apostrophes followed by a
    /// letter) and returns where it ends, with the final state and the state before its last apostrophe.
    /// </summary>
    public int ReadWord(ReadOnlySpan<char> text, int start, out int state, out int beforeApostrophe)
    {
        var current = Start;
        beforeApostrophe = Dead;
        var i = start;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            int symbol;
            if (c < 128)
            {
                symbol = SymbolOf[c];
                if (symbol == 0)
                {
                    break;
                }
            }
            else if ((symbol = Symbol(c)) == 0)
            {
                if (!char.IsLetterOrDigit(c))
                {
                    break;
                }

                // A letter the rules never use ("é"): still part of the word, which is then unknown.
                current = Dead;
                continue;
            }

            if (symbol == Apostrophe)
            {
                // An apostrophe inside a word ("won't", "I’m") belongs to it; one at the end ("wits'") does not.
                if (i + 1 >= text.Length || !char.IsLetter(text[i + 1]))
                {
                    break;
                }

                beforeApostrophe = current;
            }

            current = current == Dead ? Dead : transitions[current * Symbols + symbol];
        }

        state = current;
        return i;
    }

    public int StateCount => accepted.Length;

    /// <summary>The word ids of the form that ends in this state, or null.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int[]? Accepted(int state) => accepted[state];

    /// <summary>Straight, curly, modifier-letter or grave and acute accent apostrophes: all read alike.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsApostrophe(char c) => Symbol(c) == Apostrophe;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Symbol(char c) =>
        c < 128 ? SymbolOf[c] : c is '’' or '‘' or 'ʼ' or '´' ? Apostrophe : 0;

    private static byte[] BuildSymbols()
    {
        var symbols = new byte[128];
        for (var c = 'a'; c <= 'z'; c++)
        {
            symbols[c] = (byte)(c - 'a' + 1);
            symbols[char.ToUpperInvariant(c)] = (byte)(c - 'a' + 1);
        }

        for (var c = '0'; c <= '9'; c++)
        {
            symbols[c] = (byte)(c - '0' + 27);
        }

        symbols['\''] = Apostrophe;
        symbols['`'] = Apostrophe;
        return symbols;
    }
}
