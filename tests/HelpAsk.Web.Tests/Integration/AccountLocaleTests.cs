using System.Globalization;
using HelpAsk.Web.Features.Account;
using Microsoft.Extensions.DependencyInjection;

namespace HelpAsk.Web.Tests.Integration;

/// <summary>The account's time zone and culture kept on the server for its emails.</summary>
public sealed class AccountLocaleTests : TwoAccountsTest
{
    private AccountLocale Locale => App.Services.GetRequiredService<AccountLocale>();

    [Fact]
    public async Task The_browsers_zone_and_culture_are_taken_once_and_a_choice_made_in_settings_stays()
    {
        var cancel = TestContext.Current.CancellationToken;
        var auckland = TimeZoneInfo.FindSystemTimeZoneById("Pacific/Auckland");
        await Locale.RememberAsync(Alice, auckland, CultureInfo.GetCultureInfo("de-DE"), cancel);

        var remembered = await Locale.GetAsync(Alice, cancel);
        Assert.Equal("Pacific/Auckland", remembered.Zone.Id);
        Assert.Equal("de-DE", remembered.Culture.Name);

        Assert.IsType<LocaleChange.Saved>(await Locale.SetAsync(Alice, "America/New_York", "en-US", cancel));
        await Locale.RememberAsync(Alice, auckland, CultureInfo.GetCultureInfo("de-DE"), cancel);

        var chosen = await Locale.GetAsync(Alice, cancel);
        Assert.Equal("America/New_York", chosen.Zone.Id);
        Assert.Equal("en-US", chosen.Culture.Name);
        // Bob's browser has not said: the server's zone and the fallback culture.
        Assert.Equal("en-GB", (await Locale.GetAsync(Bob, cancel)).Culture.Name);
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons", "de-DE", "is not a time zone this server knows")]
    [InlineData("../../etc/passwd", "de-DE", "is not a time zone this server knows")]
    [InlineData("Europe/Berlin", "xx-Nowhere", "is not a language and region this server knows")]
    public async Task An_unknown_zone_or_culture_is_refused_with_a_clear_message_and_changes_nothing(string zone, string culture, string problem)
    {
        var cancel = TestContext.Current.CancellationToken;
        Assert.IsType<LocaleChange.Saved>(await Locale.SetAsync(Alice, "Asia/Tokyo", "ja-JP", cancel));

        var refused = Assert.IsType<LocaleChange.Invalid>(await Locale.SetAsync(Alice, zone, culture, cancel));

        Assert.Contains(problem, refused.Problem, StringComparison.Ordinal);
        var kept = await Locale.GetAsync(Alice, cancel);
        Assert.Equal(("Asia/Tokyo", "ja-JP"), (kept.Zone.Id, kept.Culture.Name));
    }
}
