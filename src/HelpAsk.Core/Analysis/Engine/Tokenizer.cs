using System.Runtime.CompilerServices;

namespace HelpAsk.Core.Analysis.Engine;

/// <summary>
/// Splits text into word tokens in one pass, without allocating per word: recognises words through the
/// vocabulary's automaton (any case, curly or straight apostrophes), expands contractions, and marks sentence
/// boundaries (. ! ? and line breaks) and clause punctuation (, ; : brackets and spaced dashes).
/// </summary>
internal static class Tokenizer
{
    public static void Tokenize(ReadOnlySpan<char> text, Vocabulary vocabulary, List<Token> tokens)
    {
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsLetterOrDigit(c))
            {
                i = ReadWord(text, i, vocabulary, tokens);
                continue;
            }

            switch (c)
            {
                case '.' or '!' or '?' or '…' or '\n':
                    if (c != '.' || !IsAbbreviationOrNumber(text, i, tokens, vocabulary))
                    {
                        AddSeparator(tokens, Vocabulary.Boundary, i);
                    }

                    break;
                case ',' or ';' or ':' or '(' or ')' or '–' or '—' or '"' or '“' or '”':
                    AddSeparator(tokens, Vocabulary.Punctuation, i);
                    break;
                case '-' when i + 1 < text.Length && char.IsWhiteSpace(text[i + 1]):
                    AddSeparator(tokens, Vocabulary.Punctuation, i);
                    break;
            }

            i++;
        }
    }

    private static int ReadWord(ReadOnlySpan<char> text, int start, Vocabulary vocabulary, List<Token> tokens)
    {
        var automaton = vocabulary.Automaton;
        var i = automaton.ReadWord(text, start, out var state, out var beforeApostrophe);
        var capitalized = char.IsUpper(text[start]);
        var ids = automaton.Accepted(state);
        if (ids is null && i - start > 2 && (text[i - 1] | 0x20) == 's' && WordAutomaton.IsApostrophe(text[i - 2]))
        {
            // A possessive ("Mom's", "everyone's") reads as its noun.
            ids = automaton.Accepted(beforeApostrophe);
        }

        if (ids is null)
        {
            tokens.Add(new Token(Vocabulary.Other, start, i - start, capitalized));
        }
        else
        {
            AddWords(tokens, ids, start, i - start, capitalized);
        }

        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddWords(List<Token> tokens, int[] ids, int start, int length, bool capitalized)
    {
        foreach (var id in ids)
        {
            tokens.Add(new Token(id, start, length, capitalized));
        }
    }


    private static void AddSeparator(List<Token> tokens, int id, int at)
    {
        if (tokens.Count == 0)
        {
            return;
        }

        var last = tokens[^1];
        if (last.Id == Vocabulary.Boundary || last.Id == id)
        {
            return;
        }

        if (last.Id == Vocabulary.Punctuation && id == Vocabulary.Boundary)
        {
            tokens[^1] = new Token(Vocabulary.Boundary, at, 1, false);
            return;
        }

        tokens.Add(new Token(id, at, 1, false));
    }

    /// <summary>"Dr." and "Mrs." do not end a sentence, nor does the point in "2.5".</summary>
    private static bool IsAbbreviationOrNumber(ReadOnlySpan<char> text, int dot, List<Token> tokens, Vocabulary vocabulary)
    {
        if (dot + 1 < text.Length && char.IsDigit(text[dot + 1]) && dot > 0 && char.IsDigit(text[dot - 1]))
        {
            return true;
        }

        if (tokens.Count == 0)
        {
            return false;
        }

        var last = tokens[^1];
        if (last.End != dot || last.Length > 4)
        {
            return false;
        }

        Span<char> lower = stackalloc char[4];
        var length = text.Slice(last.Start, last.Length).ToLowerInvariant(lower);
        return lower[..length] switch
        {
            "mr" or "mrs" or "ms" or "dr" or "prof" or "st" or "jr" or "sr" or "vs" or "etc" => true,
            "no" => NextNonSpaceIsDigit(text, dot + 1),
            _ => false,
        };
    }

    private static bool NextNonSpaceIsDigit(ReadOnlySpan<char> text, int from)
    {
        var rest = text[from..].TrimStart(' ');
        return rest.Length > 0 && char.IsDigit(rest[0]);
    }
}
