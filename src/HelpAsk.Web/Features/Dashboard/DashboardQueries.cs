using System.Linq.Expressions;
using HelpAsk.Core.Domain;
using HelpAsk.Web.Data;
using HelpAsk.Web.Features.Account;
using HelpAsk.Web.Features.Shell;
using Microsoft.EntityFrameworkCore;

namespace HelpAsk.Web.Features.Dashboard;

/// <summary>The figures at the top of the dashboard, counted by the database.</summary>
public sealed record DashboardSummary(int Helpers, int Drafts, int AwaitingAnswer, int HelpedNotThanked, int ThanksSent, int FollowUpsDue, int Requests)
{
    public bool IsEmpty => Helpers == 0 && Requests == 0 && ThanksSent == 0;
}

public sealed record MonthCount(DateOnly Month, int Count);

public sealed record MonthAverage(DateOnly Month, double Average, int Requests);

public sealed record OutcomeCounts(int Yes, int Alternative, int NotThisTime, int NoAnswer)
{
    public int Total => Yes + Alternative + NotThisTime + NoAnswer;
}

public sealed record ThanksCoverage(int Helped, int Thanked);

public sealed record TopHelper(Guid HelperId, string Name, int TimesHelped);

/// <summary>Everything the dashboard's charts show: each figure aggregated by the database, not in memory.</summary>
public sealed record DashboardCharts(
    IReadOnlyList<MonthCount> HelpPerMonth,
    OutcomeCounts Outcomes,
    ThanksCoverage Coverage,
    IReadOnlyList<TopHelper> TopHelpers,
    IReadOnlyList<MonthAverage> PitfallsPerSentRequest);

/// <summary>A helped request not thanked yet.</summary>
public sealed record AwaitingThanks(Guid RequestId, string Title, string? HelperName, DateTime HelpedAt);

/// <summary>One change on any request's timeline, for the dashboard's recent activity.</summary>
public sealed record ActivityEntry(Guid RequestId, string Title, string? HelperName, RequestEvent Event);

/// <summary>A helper's answer, for the dashboard's recent answers.</summary>
public sealed record RecentAnswer(Guid RequestId, string Title, string? HelperName, RequestStatus Answer, string? Alternative, string? Note, DateTime At);

/// <summary>A request sent a while ago with no answer yet.</summary>
public sealed record QuietRequest(Guid RequestId, string Title, string? HelperName, DateTime SentAt);

public sealed class DashboardQueries(IDbContextFactory<HelpAskDbContext> contexts, CurrentAccount account, TimeProvider clock, ReaderClock reader)
{
    public async Task<IReadOnlyList<RecentAnswer>> GetRecentAnswersAsync(int take = 5, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.OpenForAsync(account, cancellationToken);
        return await (
                from answer in db.RequestEvents.AsNoTracking()
                join request in db.HelpRequests on answer.HelpRequestId equals request.Id
                where request.DeletedAt == null && answer.Kind == RequestEventKind.Answered
                orderby answer.At descending
                select new RecentAnswer(request.Id, request.Title, request.Helper == null ? null : request.Helper.Name,
                    answer.ToStatus ?? RequestStatus.Sent, answer.Detail, answer.Note, answer.At))
            .Take(take)
            .ToListAsync(cancellationToken);
    }

    /// <summary>Requests still without an answer after the quiet period, oldest first: the requester may want to follow up.</summary>
    public async Task<IReadOnlyList<QuietRequest>> GetQuietRequestsAsync(CancellationToken cancellationToken = default)
    {
        var sentBefore = clock.GetUtcNow().UtcDateTime - RequestStatusFlow.QuietPeriod;
        await using var db = await contexts.OpenForAsync(account, cancellationToken);
        return await db.HelpRequests.AsNoTracking()
            .Where(r => r.DeletedAt == null && r.Status == RequestStatus.Sent && r.SentAt != null && r.SentAt <= sentBefore)
            .OrderBy(r => r.SentAt)
            .Select(r => new QuietRequest(r.Id, r.Title, r.Helper == null ? null : r.Helper.Name, r.SentAt!.Value))
            .Take(10)
            .ToListAsync(cancellationToken);
    }

    public async Task<DashboardSummary> GetSummaryAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.OpenForAsync(account, cancellationToken);
        var byStatus = await db.HelpRequests.AsNoTracking()
            .Where(r => r.DeletedAt == null)
            .GroupBy(r => r.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Status, g => g.Count, cancellationToken);
        var helpers = await db.Helpers.CountAsync(h => !h.IsArchived, cancellationToken);
        var thanks = await db.ThankYouNotes.CountAsync(n => n.SentAt != null, cancellationToken);
        var today = reader.Today;
        var followUpsDue = await db.ImpactFollowUps.CountAsync(f => f.DoneAt == null && f.DueOn <= today, cancellationToken);
        return new DashboardSummary(
            helpers,
            byStatus.GetValueOrDefault(RequestStatus.Draft),
            byStatus.GetValueOrDefault(RequestStatus.Sent),
            byStatus.GetValueOrDefault(RequestStatus.Helped),
            thanks,
            followUpsDue,
            byStatus.Values.Sum());
    }

    /// <summary>The last twelve months (this one included), helpers who helped most, and all-time outcomes.</summary>
    public async Task<DashboardCharts> GetChartsAsync(CancellationToken cancellationToken = default)
    {
        // The reader's last twelve calendar months (this one included), in their time zone: the database
        // groups the stored UTC times by where they fall between the months' first instants.
        var today = reader.Today;
        var months = Enumerable.Range(0, 12).Select(new DateOnly(today.Year, today.Month, 1).AddMonths(-11).AddMonths).ToList();
        var starts = months.Select(m => reader.ToUtc(m.ToDateTime(TimeOnly.MinValue))).ToList();
        var from = starts[0];
        await using var db = await contexts.OpenForAsync(account, cancellationToken);
        var requests = db.HelpRequests.AsNoTracking().Where(r => r.DeletedAt == null);

        var helped = await requests.Where(r => r.HelpedAt != null && r.HelpedAt >= from)
            .GroupBy(MonthIndex(r => r.HelpedAt, starts))
            .Select(g => new { Month = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Month, g => g.Count, cancellationToken);
        // The all-time counts in one pass over the account's requests (one round trip instead of three).
        var totals = await requests.GroupBy(r => 1)
            .Select(g => new AllTimeCounts(
                g.Count(r => r.Outcome == RequestOutcome.Yes), g.Count(r => r.Outcome == RequestOutcome.Alternative),
                g.Count(r => r.Outcome == RequestOutcome.NotThisTime), g.Count(r => r.Outcome == RequestOutcome.NoAnswer),
                g.Count(r => r.HelpedAt != null), g.Count(r => r.ThankedAt != null)))
            .SingleOrDefaultAsync(cancellationToken) ?? new AllTimeCounts(0, 0, 0, 0, 0, 0);
        var top = await requests.Where(r => r.HelpedAt != null && r.HelperId != null)
            .GroupBy(r => r.HelperId)
            .Select(g => new { HelperId = g.Key!.Value, Count = g.Count() })
            .OrderByDescending(g => g.Count)
            .Take(5)
            .Join(db.Helpers, g => g.HelperId, h => h.Id, (g, h) => new TopHelper(h.Id, h.Name, g.Count))
            .ToListAsync(cancellationToken);
        var habits = await requests.Where(r => r.SentAt != null && r.SentAt >= from && r.PitfallsAtSend != null)
            .GroupBy(MonthIndex(r => r.SentAt, starts))
            .Select(g => new { Month = g.Key, Average = g.Average(r => (double)r.PitfallsAtSend!.Value), Count = g.Count() })
            .ToDictionaryAsync(g => g.Month, cancellationToken);

        return new DashboardCharts(
            [.. months.Select((m, i) => new MonthCount(m, helped.GetValueOrDefault(i)))],
            new OutcomeCounts(totals.Yes, totals.Alternative, totals.NotThisTime, totals.NoAnswer),
            new ThanksCoverage(totals.Helped, totals.Thanked),
            [.. top.OrderByDescending(t => t.TimesHelped).ThenBy(t => t.Name, StringComparer.CurrentCulture)],
            [.. months.Select((m, i) => habits.TryGetValue(i, out var h) ? new MonthAverage(m, h.Average, h.Count) : new MonthAverage(m, 0, 0))]);
    }

    private sealed record AllTimeCounts(int Yes, int Alternative, int NotThisTime, int NoAnswer, int Helped, int Thanked);

    /// <summary>
    /// Which month an instant (at or after the first month's start) falls in, 0 to 11, as an expression SQL
    /// can group by: CASE WHEN at &lt; start of month 1 THEN 0 WHEN at &lt; start of month 2 THEN 1 … ELSE 11.
    /// </summary>
    private static Expression<Func<HelpRequest, int>> MonthIndex(Expression<Func<HelpRequest, DateTime?>> at, IReadOnlyList<DateTime> starts)
    {
        Expression index = Expression.Constant(starts.Count - 1);
        for (var month = starts.Count - 1; month >= 1; month--)
        {
            var before = Expression.LessThan(at.Body, Expression.Constant(starts[month], typeof(DateTime?)));
            index = Expression.Condition(before, Expression.Constant(month - 1), index);
        }

        return Expression.Lambda<Func<HelpRequest, int>>(index, at.Parameters);
    }

    /// <summary>Helped, and not thanked yet: the last step matters most.</summary>
    public async Task<IReadOnlyList<AwaitingThanks>> GetAwaitingThanksAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.OpenForAsync(account, cancellationToken);
        return await db.HelpRequests.AsNoTracking()
            .Where(r => r.DeletedAt == null && r.Status == RequestStatus.Helped)
            .OrderBy(r => r.HelpedAt)
            .Select(r => new AwaitingThanks(r.Id, r.Title, r.Helper == null ? null : r.Helper.Name, r.HelpedAt ?? r.UpdatedAt))
            .Take(10)
            .ToListAsync(cancellationToken);
    }

    /// <summary>The latest changes across all requests (not counting drafts being started).</summary>
    public async Task<IReadOnlyList<ActivityEntry>> GetRecentActivityAsync(int take = 8, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.OpenForAsync(account, cancellationToken);

        // Newest first along the account's (OwnerId, At) index, a few more than shown, with no join: joined to the requests
        // (to leave out deleted drafts' entries), PostgreSQL took the account's rows for rare and planned a parallel scan of
        // its whole history. Deleted drafts are left out with the requests read for their titles; rarely, that needs a second round.
        var entries = new List<ActivityEntry>(take);
        for (var skip = 0; entries.Count < take; skip += take * 2)
        {
            var latest = await db.RequestEvents.AsNoTracking()
                .Where(e => e.Kind != RequestEventKind.Created)
                .OrderByDescending(e => e.At)
                .Skip(skip)
                .Take(take * 2)
                .ToListAsync(cancellationToken);
            var requestIds = latest.Select(e => e.HelpRequestId).Distinct().ToList();
            var requests = await db.HelpRequests.AsNoTracking()
                .Where(r => requestIds.Contains(r.Id) && r.DeletedAt == null)
                .Select(r => new { r.Id, r.Title, HelperName = r.Helper == null ? null : r.Helper.Name })
                .ToDictionaryAsync(r => r.Id, cancellationToken);
            entries.AddRange(latest.Where(e => requests.ContainsKey(e.HelpRequestId))
                .Select(e => new ActivityEntry(e.HelpRequestId, requests[e.HelpRequestId].Title, requests[e.HelpRequestId].HelperName, e)));
            if (latest.Count < take * 2)
            {
                break;
            }
        }

        return [.. entries.Take(take)];
    }
}

public static class DashboardSetup
{
    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.AddScoped<DashboardQueries>();
        return services;
    }
}
