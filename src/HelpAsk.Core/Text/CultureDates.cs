using System.Globalization;
using System.Text.RegularExpressions;

namespace HelpAsk.Core.Text;

/// <summary>Dates written out in words the way a culture writes them.</summary>
public static partial class CultureDates
{
    /// <summary>The culture's long date ("Saturday 5 December 2026", "Samstag, 5. Dezember 2026").</summary>
    public static string Long(DateOnly date, CultureInfo culture) => date.ToString("D", culture);

    /// <summary>The culture's long date without its year, for a date in the coming weeks ("Saturday 5 December", "Samstag, 5. Dezember").</summary>
    public static string LongWithoutYear(DateOnly date, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var pattern = Year().Replace(culture.DateTimeFormat.LongDatePattern, "").Trim(' ', ',');
        return date.ToString(pattern.Length > 0 ? pattern : "M", culture);
    }

    // The year, with the separator before it and a suffix written after it ("年").
    [GeneratedRegex(@"[\s,]*y+[^\s,dM']*")]
    private static partial Regex Year();
}
