using HelpAsk.Core.Domain;
using HelpAsk.Testing;
using HelpAsk.Web.Data;
using HelpAsk.Web.Features.Dashboard;
using HelpAsk.Web.Features.Shell;
using Microsoft.Extensions.DependencyInjection;

namespace HelpAsk.Web.Tests.Integration;

/// <summary>
/// The dashboard's figures on 5,000 requests over two years, checked against the same history counted in
/// memory. (How fast they are is measured by the DashboardBenchmarks, not here.)
/// </summary>
public sealed class DashboardAggregateTests : IAsyncLifetime
{
    private readonly HelpAskAppFactory app = new();
    // The seed's times fall in the eight hours before `now`. Ending them at 14:00 UTC puts some before 08:00 UTC
    // (the day before in Los Angeles) and some after 12:00 UTC (the day after in Auckland), so the zone check below
    // has month ends to tell apart whatever the hour the tests run; the latest such 14:00 that is not in the future.
    private readonly DateTime now = LatestTwoPm(DateTime.UtcNow);
    private string alice = "";
    private IReadOnlyList<HelpRequest> history = [];

    public async ValueTask InitializeAsync()
    {
        alice = await app.CreateAccountAsync("alice@example.org");
        var bob = await app.CreateAccountAsync("bob@example.org");
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpAskDbContext>();
        history = await DashboardSeed.SeedAsync(db, alice, 5_000, now);
        db.ChangeTracker.Clear();
        await DashboardSeed.SeedAsync(db, bob, 300, now);
    }

    [Fact]
    public async Task The_summary_counts_every_status_of_this_account_only()
    {
        var summary = await QueriesAsync(q => q.GetSummaryAsync());

        Assert.Equal(history.Count(r => r.Status == RequestStatus.Sent), summary.AwaitingAnswer);
        Assert.Equal(history.Count(r => r.Status == RequestStatus.Helped), summary.HelpedNotThanked);
        Assert.Equal(5_000, summary.Requests);
        Assert.Equal(20, summary.Helpers);
    }

    [Theory]
    [InlineData("Etc/UTC")]
    [InlineData("Pacific/Auckland")]
    [InlineData("America/Los_Angeles")]
    public async Task The_charts_match_the_history_by_the_readers_calendar_months(string zoneId)
    {
        var charts = await QueriesAsync(q => q.GetChartsAsync(), zoneId);

        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        DateOnly MonthOf(DateTime utc)
        {
            var local = TimeZoneInfo.ConvertTimeFromUtc(utc, zone);
            return new DateOnly(local.Year, local.Month, 1);
        }

        var firstMonth = MonthOf(now).AddMonths(-11);
        Assert.Equal(12, charts.HelpPerMonth.Count);
        Assert.Equal(firstMonth, charts.HelpPerMonth[0].Month);
        Assert.Equal(
            charts.HelpPerMonth.Select(m => history.Count(r => r.HelpedAt is { } at && MonthOf(at) == m.Month)),
            charts.HelpPerMonth.Select(m => m.Count));
        if (zoneId != "Etc/UTC")
        {
            // Two years of history have help given near midnight at month ends: another zone's months count differently.
            DateOnly UtcMonthOf(DateTime utc) => new(utc.Year, utc.Month, 1);
            Assert.NotEqual(
                charts.HelpPerMonth.Select(m => history.Count(r => r.HelpedAt is { } at && UtcMonthOf(at) == m.Month)),
                charts.HelpPerMonth.Select(m => m.Count));
        }

        Assert.Equal(
            new OutcomeCounts(
                history.Count(r => r.Outcome == RequestOutcome.Yes), history.Count(r => r.Outcome == RequestOutcome.Alternative),
                history.Count(r => r.Outcome == RequestOutcome.NotThisTime), history.Count(r => r.Outcome == RequestOutcome.NoAnswer)),
            charts.Outcomes);
        Assert.Equal(new ThanksCoverage(history.Count(r => r.HelpedAt != null), history.Count(r => r.ThankedAt != null)), charts.Coverage);

        var expectedTop = history.Where(r => r.HelpedAt != null).GroupBy(r => r.HelperId).Select(g => g.Count()).OrderByDescending(c => c).Take(5);
        Assert.Equal(expectedTop, charts.TopHelpers.Select(t => t.TimesHelped));

        foreach (var month in charts.PitfallsPerSentRequest)
        {
            var sent = history.Where(r => r.SentAt is { } at && MonthOf(at) == month.Month).ToList();
            Assert.Equal(sent.Count, month.Requests);
            Assert.Equal(sent.Count == 0 ? 0 : sent.Average(r => r.PitfallsAtSend!.Value), month.Average, precision: 6);
        }
    }

    [Fact]
    public async Task The_lists_show_the_most_recent_and_the_oldest_waiting()
    {
        var activity = await QueriesAsync(q => q.GetRecentActivityAsync());
        var awaiting = await QueriesAsync(q => q.GetAwaitingThanksAsync());
        var quiet = await QueriesAsync(q => q.GetQuietRequestsAsync());

        Assert.Equal(8, activity.Count);
        Assert.Equal(
            history.SelectMany(r => r.Events).Where(e => e.Kind != RequestEventKind.Created).OrderByDescending(e => e.At).Take(8).Select(e => e.At),
            activity.Select(a => a.Event.At));
        Assert.Equal(history.Where(r => r.Status == RequestStatus.Helped).OrderBy(r => r.HelpedAt).Take(10).Select(r => r.Id), awaiting.Select(a => a.RequestId));
        Assert.Equal(
            history.Where(r => r.Status == RequestStatus.Sent && r.SentAt <= now - RequestStatusFlow.QuietPeriod).OrderBy(r => r.SentAt).Take(10).Select(r => r.Id),
            quiet.Select(q => q.RequestId));
    }

    private async Task<T> QueriesAsync<T>(Func<DashboardQueries, Task<T>> query, string? readerZone = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ReaderClock>().UseZone(readerZone);
        return await query(app.ServiceFor<DashboardQueries>(alice, scope));
    }

    private static DateTime LatestTwoPm(DateTime utcNow) =>
        utcNow.Date.AddHours(14) is var today && today <= utcNow ? today : today.AddDays(-1);

    public ValueTask DisposeAsync()
    {
        app.Dispose();
        return ValueTask.CompletedTask;
    }
}
