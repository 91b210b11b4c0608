using System.Buffers;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace HelpAsk.Web.Data;

/// <summary>
/// Every text the app stores passes through here on its way to the database. Control characters other than tab and
/// line breaks have no place in anything a person writes, and a NUL makes SQLite cut the text short, so they are
/// dropped. It is a value converter on every string column (see <see cref="HelpAskDbContext"/>), the one point
/// every write goes through: SaveChanges, ExecuteUpdate and query parameters alike, whatever page or service wrote it.
/// </summary>
public sealed class StoredText() : ValueConverter<string, string>(text => Clean(text), text => text)
{
    private static readonly SearchValues<char> Unwanted = SearchValues.Create(
        [.. Enumerable.Range(0, 32).Where(c => c is not ('\t' or '\n' or '\r')).Select(c => (char)c), '\u007f']);

    /// <summary>The text without the control characters it must not keep (unchanged, and not copied, when it has none).</summary>
    public static string Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var first = text.AsSpan().IndexOfAny(Unwanted);
        if (first < 0)
        {
            return text;
        }

        return string.Create(text.Length - Count(text.AsSpan(first)), text, static (destination, source) =>
        {
            var at = 0;
            foreach (var c in source)
            {
                if (!Unwanted.Contains(c))
                {
                    destination[at++] = c;
                }
            }
        });
    }

    private static int Count(ReadOnlySpan<char> text)
    {
        var count = 0;
        foreach (var c in text)
        {
            count += Unwanted.Contains(c) ? 1 : 0;
        }

        return count;
    }
}
