using System.Globalization;
using HelpAsk.Core.Domain;
using HelpAsk.Core.Text;

namespace HelpAsk.Core.Tests.Text;

public sealed class CultureDatesTests
{
    private static readonly DateOnly Saturday = new(2026, 12, 5);

    [Theory]
    [InlineData("en-GB", "Saturday")]
    [InlineData("en-US", "Saturday")]
    [InlineData("de-DE", "Samstag")]
    [InlineData("fr-FR", "samedi")]
    [InlineData("ja-JP", "土曜日")]
    public void A_date_in_the_coming_weeks_is_the_cultures_long_date_without_the_year(string name, string weekday)
    {
        var culture = CultureInfo.GetCultureInfo(name);
        var written = CultureDates.LongWithoutYear(Saturday, culture);

        Assert.Contains(weekday, written, StringComparison.Ordinal);
        Assert.Contains("5", written, StringComparison.Ordinal);
        Assert.DoesNotContain("2026", written, StringComparison.Ordinal);
        Assert.Contains("2026", CultureDates.Long(Saturday, culture), StringComparison.Ordinal);
    }

    [Fact]
    public void The_message_says_by_when_in_the_askers_culture_whatever_the_machines()
    {
        var parts = new MessageParts("We move on Saturday.", "Could you help?", "", Saturday, "", "", "");

        Assert.Contains("Ideally by Samstag, 5. Dezember.", RequestMessage.Compose(parts, "Sam Jones", culture: CultureInfo.GetCultureInfo("de-DE")), StringComparison.Ordinal);
        Assert.Contains("Ideally by Saturday, December 5.", RequestMessage.Compose(parts, "Sam Jones", culture: CultureInfo.GetCultureInfo("en-US")), StringComparison.Ordinal);
    }
}
