using System.Globalization;
using System.Text;

namespace HelpAsk.Core.Domain;

/// <summary>
/// The name an account shows the people it asks ("Priya Shah asked for your help", "Priya Shah via HelpAsk").
/// It is untrusted text that ends up in pages and email headers, so it is kept to one plain line.
/// </summary>
public static class DisplayName
{
    public const int MaxLength = 60;

    /// <summary>Trimmed, with every run of spaces made one space; null for a blank name.</summary>
    public static string? Normalize(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var text = new StringBuilder(name.Length);
        foreach (var c in name.Trim())
        {
            if (c == ' ' || c == '\t' || c == '\u00A0')
            {
                if (text.Length > 0 && text[^1] != ' ')
                {
                    text.Append(' ');
                }
            }
            else
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }

    /// <summary>What is wrong with a name, in words for the user; null when it is fine.</summary>
    public static string? Problem(string? name)
    {
        var normalized = Normalize(name);
        if (normalized is null)
        {
            return "Enter your name, as the people you ask know you.";
        }

        if (normalized.Length > MaxLength)
        {
            return $"Keep your name under {MaxLength} characters.";
        }

        if (normalized.Any(IsNotPlainText))
        {
            return "Your name can only hold letters, spaces and punctuation: no line breaks or control characters.";
        }

        if (normalized.Contains('@', StringComparison.Ordinal))
        {
            return "Enter a name rather than an email address.";
        }

        return null;
    }

    /// <summary>The sender's name an email shows: "Priya Shah via HelpAsk", or the app's name alone without a usable name.</summary>
    public static string SenderName(string? displayName, string appName) =>
        Problem(displayName) is null ? $"{Normalize(displayName)} via {appName}" : appName;

    // Control characters (line breaks included), invisible format characters (bidirectional overrides) and
    // line or paragraph separators could break a header or disguise the name.
    private static bool IsNotPlainText(char c) => CharUnicodeInfo.GetUnicodeCategory(c) is
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
        or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned;
}
