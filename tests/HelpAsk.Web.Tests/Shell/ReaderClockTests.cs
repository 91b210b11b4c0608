using HelpAsk.Web.Features.Shell;
using Microsoft.Extensions.Time.Testing;

namespace HelpAsk.Web.Tests.Shell;

public sealed class ReaderClockTests
{
    // 23:30 UTC on 25 November: already the 26th in Auckland (UTC+13), still the 25th in New York (UTC-5).
    private static readonly DateTime LateEvening = new(2026, 11, 25, 23, 30, 0, DateTimeKind.Utc);

    [Fact]
    public void Times_and_today_are_the_readers_in_the_zone_their_browser_reported()
    {
        var auckland = new ReaderClock(ClockAt(LateEvening));
        var newYork = new ReaderClock(ClockAt(LateEvening));

        auckland.UseZone("Pacific/Auckland");
        newYork.UseZone("America/New_York");

        Assert.Equal(new DateTime(2026, 11, 26, 12, 30, 0), auckland.ToLocal(LateEvening));
        Assert.Equal(new DateOnly(2026, 11, 26), auckland.Today);
        Assert.Equal(new DateTime(2026, 11, 25, 18, 30, 0), newYork.ToLocal(LateEvening));
        Assert.Equal(new DateOnly(2026, 11, 25), newYork.Today);
    }

    [Fact]
    public void Summer_time_is_that_of_the_date_shown_not_of_today()
    {
        var clock = new ReaderClock(ClockAt(LateEvening));
        clock.UseZone("Europe/Paris");

        Assert.Equal(new DateTime(2026, 7, 1, 14, 0, 0), clock.ToLocal(new DateTime(2026, 7, 1, 12, 0, 0, DateTimeKind.Utc)));
        Assert.Equal(new DateTime(2026, 12, 1, 13, 0, 0), clock.ToLocal(new DateTime(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc)));
    }

    [Fact]
    public void A_wall_clock_time_is_found_again_and_one_skipped_by_summer_time_becomes_the_first_after_it()
    {
        var clock = new ReaderClock(ClockAt(LateEvening));
        clock.UseZone("Europe/Paris");

        Assert.Equal(new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc).AddHours(-1), clock.ToUtc(new DateTime(2026, 3, 1)));
        // 29 March 2026: Paris goes from 02:00 straight to 03:00 (01:00 UTC).
        Assert.Equal(new DateTime(2026, 3, 29, 1, 0, 0, DateTimeKind.Utc), clock.ToUtc(new DateTime(2026, 3, 29, 2, 30, 0)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("../../../etc/passwd")]
    [InlineData("Europe/../../etc/passwd")]
    [InlineData("<script>")]
    public void An_unknown_or_malformed_zone_leaves_the_servers_own(string? reported)
    {
        var server = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
        var clock = new ReaderClock(ClockAt(LateEvening, server));

        clock.UseZone(reported);

        Assert.Equal(server, clock.Zone);
        Assert.Equal(new DateOnly(2026, 11, 26), clock.Today);
    }

    [Fact]
    public void A_zone_name_longer_than_any_real_one_is_ignored()
    {
        var clock = new ReaderClock(ClockAt(LateEvening, TimeZoneInfo.Utc));

        clock.UseZone("Europe/" + new string('a', 100));

        Assert.Equal(TimeZoneInfo.Utc, clock.Zone);
    }

    private static FakeTimeProvider ClockAt(DateTime utcNow, TimeZoneInfo? zone = null)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(utcNow, TimeSpan.Zero));
        clock.SetLocalTimeZone(zone ?? TimeZoneInfo.Utc);
        return clock;
    }
}
