namespace HelpAsk.Core.Analysis.Engine;

/// <summary>
/// Splits text into word tokens in one pass, without allocating per word: recognises words through the
/// vocabulary's word table (any case, curly or straight apostrophes), expands contractions, and marks sentence
/// boundaries (. ! ? and line breaks) and clause punctuation (, ; : brackets and spaced dashes).
/// </summary>
internal static class Tokenizer
{
    private const byte Space = 0;
    private const byte Letter = 1;
    private const byte SentenceEnd = 2;
    private const byte Dot = 3;
    private const byte ClausePunctuation = 4;
    private const byte Dash = 5;

    // What each ASCII character is to the tokenizer; one table read per character instead of a chain of tests.
    private static readonly byte[] ClassOf = BuildClasses();

    private static readonly string[] Abbreviations = ["mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "vs", "etc"];

    public static void Tokenize(ReadOnlySpan<char> text, Vocabulary vocabulary, List<Token> tokens)
    {
        for (var at = 0; at < text.Length;)
        {
            at = TokenizeSentence(text, at, vocabulary, tokens);
        }
    }

    /// <summary>
    /// Reads from <paramref name="from"/> through the next sentence boundary and returns where it
    /// stopped. The tokens end with that boundary (or the text ends), and no pattern spans one, so a few
    /// sentences can be matched together, while their tokens are still in the processor's cache.
    /// </summary>
    /// <param name="separators">Where given, the index of each boundary or clause punctuation token added, in order.</param>
    public static int TokenizeSentence(ReadOnlySpan<char> text, int from, Vocabulary vocabulary, List<Token> tokens, List<int>? separators = null)
    {
        var table = vocabulary.Table;
        var i = from;
        while (i < text.Length)
        {
            var c = text[i];
            switch (c < 128 ? ClassOf[c] : ClassOfOther(c))
            {
                case Letter:
                    while (true)
                    {
                        var end = table.ReadWord(text, i, out var ids);
                        var capitalized = char.IsUpper(text[i]);
                        foreach (var id in table.IdsOf(ids))
                        {
                            tokens.Add(new Token(id, i, end - i, capitalized));
                        }

                        // The commonest next word, after a single space, is read without going round the switch.
                        if (end + 1 >= text.Length || text[end] != ' ' || !char.IsAsciiLetter(text[end + 1]))
                        {
                            i = end;
                            break;
                        }

                        i = end + 1;
                    }

                    continue;
                case SentenceEnd:
                case Dot when !IsAbbreviationOrNumber(text, i, tokens):
                    AddSeparator(tokens, Vocabulary.Boundary, i, separators);
                    return i + 1;
                case ClausePunctuation:
                    AddSeparator(tokens, Vocabulary.Punctuation, i, separators);
                    break;
                case Dash when i + 1 < text.Length && char.IsWhiteSpace(text[i + 1]):
                    AddSeparator(tokens, Vocabulary.Punctuation, i, separators);
                    break;
            }

            i++;
        }

        return i;
    }

    private static byte ClassOfOther(char c) => c switch
    {
        '…' => SentenceEnd,
        '–' or '—' or '“' or '”' => ClausePunctuation,
        _ when char.IsLetterOrDigit(c) => Letter,
        _ => Space,
    };

    private static byte[] BuildClasses()
    {
        var classes = new byte[128];
        for (var c = 0; c < 128; c++)
        {
            classes[c] = char.IsLetterOrDigit((char)c) ? Letter : Space;
        }

        classes['!'] = classes['?'] = classes['\n'] = SentenceEnd;
        classes['.'] = Dot;
        classes[','] = classes[';'] = classes[':'] = classes['('] = classes[')'] = classes['"'] = ClausePunctuation;
        classes['-'] = Dash;
        return classes;
    }

    private static void AddSeparator(List<Token> tokens, int id, int at, List<int>? separators)
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

        separators?.Add(tokens.Count);
        tokens.Add(new Token(id, at, 1, false));
    }

    /// <summary>"Dr." and "Mrs." do not end a sentence, nor does the point in "2.5".</summary>
    private static bool IsAbbreviationOrNumber(ReadOnlySpan<char> text, int dot, List<Token> tokens)
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

        var word = text.Slice(last.Start, last.Length);
        foreach (var abbreviation in Abbreviations)
        {
            if (word.Equals(abbreviation, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return word.Equals("no", StringComparison.OrdinalIgnoreCase) && NextNonSpaceIsDigit(text, dot + 1);
    }

    private static bool NextNonSpaceIsDigit(ReadOnlySpan<char> text, int from)
    {
        var rest = text[from..].TrimStart(' ');
        return rest.Length > 0 && char.IsDigit(rest[0]);
    }
}
