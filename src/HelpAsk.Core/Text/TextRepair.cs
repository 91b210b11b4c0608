namespace HelpAsk.Core.Text;

/// <summary>
/// Applies a one-click fix (replace or delete a span) so that what is left is still a well-formed sentence:
/// no punctuation stranded by a deleted phrase ("? It'll only…", "Thursday?."), no doubled or leading
/// spaces at the seam, and a capital letter where a sentence now starts. Pure, so any editor can call it.
/// </summary>
public static class TextRepair
{
    private const string Terminators = ".?!";
    private const string Punctuation = ".?!,;:";

    public static string Apply(string text, int start, int length, string replacement)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(replacement);
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start + length, text.Length);

        var before = text[..start].TrimEnd(' ');
        var after = text[(start + length)..];
        var inserted = replacement.Trim();
        var startsSentence = StartsSentence(before);

        if (inserted.Length == 0)
        {
            after = after.TrimStart(' ');
            if (after.Length > 0 && Punctuation.Contains(after[0], StringComparison.Ordinal))
            {
                var last = before.Length == 0 ? '\n' : before[^1];
                if (startsSentence || Punctuation.Contains(last, StringComparison.Ordinal))
                {
                    // What the deleted words ended with goes with them, unless it ends the sentence they closed.
                    var keepsTerminator = !startsSentence && Terminators.Contains(after[0], StringComparison.Ordinal)
                        && !Terminators.Contains(last, StringComparison.Ordinal);
                    if (keepsTerminator)
                    {
                        before = before.TrimEnd(',', ';', ':', ' ');
                        after = after[0] + after[1..].TrimStart('.', '?', '!');
                    }
                    else
                    {
                        after = after.TrimStart('.', '?', '!', ',', ';', ':').TrimStart(' ');
                    }
                }
            }

            if (startsSentence)
            {
                after = Capitalize(after);
            }
        }
        else
        {
            if (startsSentence)
            {
                inserted = Capitalize(inserted);
            }

            // "Thank you" replacing "Sorry." keeps one full stop, not two.
            if (Punctuation.Contains(inserted[^1], StringComparison.Ordinal))
            {
                after = after.TrimStart('.', '?', '!', ',', ';', ':');
            }
        }

        return Join(Join(before, inserted), after);
    }

    /// <summary>Two pieces with exactly one space between words, none before punctuation, none at a line's start.</summary>
    private static string Join(string left, string right)
    {
        if (left.Length == 0)
        {
            return right.TrimStart(' ');
        }

        if (right.Length == 0)
        {
            return left;
        }

        right = right.TrimStart(' ');
        if (right.Length == 0)
        {
            return left;
        }

        var needsSpace = !char.IsWhiteSpace(left[^1]) && !char.IsWhiteSpace(right[0])
            && !Punctuation.Contains(right[0], StringComparison.Ordinal) && right[0] is not ')' and not '…';
        return needsSpace ? $"{left} {right}" : left + right;
    }

    /// <summary>Whether what follows <paramref name="before"/> opens a sentence: the text's start, a new line, or after a full stop.</summary>
    private static bool StartsSentence(string before)
    {
        var trimmed = before.TrimEnd(' ');
        return trimmed.Length == 0 || trimmed[^1] == '\n' || Terminators.Contains(trimmed[^1], StringComparison.Ordinal);
    }

    private static string Capitalize(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsLetter(text[i]))
            {
                return char.IsLower(text[i]) ? string.Concat(text.AsSpan(0, i), char.ToUpperInvariant(text[i]).ToString(), text.AsSpan(i + 1)) : text;
            }

            if (!char.IsWhiteSpace(text[i]) && text[i] is not '"' and not '“' and not '\'' and not '(')
            {
                return text;
            }
        }

        return text;
    }
}
