namespace HelpAsk.Web.Data;

/// <summary>
/// Searching stored text for words as typed, the same on every engine: case-insensitive (SQLite's LIKE ignores
/// ASCII case, PostgreSQL's does not, so both sides are lower-cased by the database), and % and _ are letters. The
/// words lose the control characters no stored text keeps (<see cref="StoredText"/>): a NUL would cut SQLite's
/// pattern short and make PostgreSQL refuse the query.
/// Use as <c>EF.Functions.Like(column.ToLower(), pattern.ToLower(), TextSearch.Escape)</c>.
/// </summary>
public static class TextSearch
{
    public const string Escape = "\\";

    /// <summary>The LIKE pattern that finds <paramref name="words"/> anywhere in a text.</summary>
    public static string Anywhere(string words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var escaped = StoredText.Clean(words).Trim()
            .Replace(Escape, Escape + Escape, StringComparison.Ordinal)
            .Replace("%", Escape + "%", StringComparison.Ordinal)
            .Replace("_", Escape + "_", StringComparison.Ordinal);
        return $"%{escaped}%";
    }
}
