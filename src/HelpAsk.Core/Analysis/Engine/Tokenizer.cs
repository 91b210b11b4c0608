using System.Runtime.CompilerServices;

namespace HelpAsk.Core.Analysis.Engine;

/// <summary>
/// Splits text into word tokens in one pass, without allocating per word: lower-cases, folds curly
/// apostrophes to straight ones, expands contractions through the vocabulary, and marks sentence
/// boundaries (. ! ? and line breaks) and clause punctuation (, ; : brackets and spaced dashes).
/// </summary>
internal static class Tokenizer
{
    private const int MaxWordLength = 48;

    public static void Tokenize(ReadOnlySpan<char> text, Vocabulary vocabulary, List<Token> tokens)
    {
        Span<char> buffer = stackalloc char[MaxWordLength];
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsLetterOrDigit(c))
            {
                i = ReadWord(text, i, vocabulary, tokens, buffer);
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

    private static int ReadWord(ReadOnlySpan<char> text, int start, Vocabulary vocabulary, List<Token> tokens, Span<char> buffer)
    {
        var length = 0;
        var i = start;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (IsApostrophe(c))
            {
                // An apostrophe inside a word ("won't", "I’m") belongs to it; one at the end ("wits'") does not.
                if (i + 1 < text.Length && char.IsLetter(text[i + 1]))
                {
                    if (length < MaxWordLength)
                    {
                        buffer[length] = '\'';
                    }

                    length++;
                    continue;
                }

                break;
            }

            if (!char.IsLetterOrDigit(c))
            {
                break;
            }

            if (length < MaxWordLength)
            {
                buffer[length] = c < 128 ? (char)(c | ((uint)(c - 'A') <= 'Z' - 'A' ? 0x20 : 0)) : char.ToLowerInvariant(c);
            }

            length++;
        }

        var capitalized = char.IsUpper(text[start]);
        if (length > MaxWordLength)
        {
            tokens.Add(new Token(Vocabulary.Other, start, i - start, capitalized));
            return i;
        }

        var word = buffer[..length];
        if (vocabulary.TryGetForm(word, out var ids))
        {
            AddWords(tokens, ids, start, i - start, capitalized);
        }
        else if (word.EndsWith("'s") && vocabulary.TryGetForm(word[..^2], out ids))
        {
            // A possessive ("Mom's", "everyone's") reads as its noun.
            AddWords(tokens, ids, start, i - start, capitalized);
        }
        else
        {
            tokens.Add(new Token(Vocabulary.Other, start, i - start, capitalized));
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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsApostrophe(char c) => c is '\'' or '’' or '‘' or 'ʼ' or '`' or '´';

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
