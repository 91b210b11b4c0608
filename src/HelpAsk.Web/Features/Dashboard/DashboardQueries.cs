using HelpAsk.Core.Domain;
using HelpAsk.Web.Data;
using HelpAsk.Web.Features.Account;
using Microsoft.EntityFrameworkCore;

namespace HelpAsk.Web.Features.Dashboard;

/// <summary>The figures at the top of the dashboard, counted by the database.</summary>
public sealed record DashboardSummary(int Helpers, int Drafts, int AwaitingAnswer, int HelpedNotThanked, int ThanksSent)
{
    public bool IsEmpty => Helpers == 0 && Drafts == 0 && AwaitingAnswer == 0 && HelpedNotThanked == 0 && ThanksSent == 0;
}

/// <summary>A helper's answer, for the dashboard's recent answers.</summary>
public sealed record RecentAnswer(Guid RequestId, string Title, string? HelperName, RequestStatus Answer, string? Alternative, string? Note, DateTime At);

/// <summary>A request sent a while ago with no answer yet.</summary>
public sealed record QuietRequest(Guid RequestId, string Title, string? HelperName, DateTime SentAt);

public sealed class DashboardQueries(IDbContextFactory<HelpAskDbContext> contexts, CurrentAccount account, TimeProvider clock)
{
    public async Task<IReadOnlyList<RecentAnswer>> GetRecentAnswersAsync(int take = 5, CancellationToken cancellationToken = default)
    {
        var owner = await account.GetIdAsync();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await (
                from answer in db.RequestEvents.AsNoTracking()
                join request in db.HelpRequests on answer.HelpRequestId equals request.Id
                where request.OwnerId == owner && request.DeletedAt == null && answer.Kind == RequestEventKind.Answered
                orderby answer.At descending
                select new RecentAnswer(request.Id, request.Title, request.Helper == null ? null : request.Helper.Name,
                    answer.ToStatus ?? RequestStatus.Sent, answer.Detail, answer.Note, answer.At))
            .Take(take)
            .ToListAsync(cancellationToken);
    }

    /// <summary>Requests still without an answer after the quiet period, oldest first: the requester may want to follow up.</summary>
    public async Task<IReadOnlyList<QuietRequest>> GetQuietRequestsAsync(CancellationToken cancellationToken = default)
    {
        var owner = await account.GetIdAsync();
        var sentBefore = clock.GetUtcNow().UtcDateTime - RequestStatusFlow.QuietPeriod;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.HelpRequests.AsNoTracking()
            .Where(r => r.OwnerId == owner && r.DeletedAt == null && r.Status == RequestStatus.Sent && r.SentAt != null && r.SentAt <= sentBefore)
            .OrderBy(r => r.SentAt)
            .Select(r => new QuietRequest(r.Id, r.Title, r.Helper == null ? null : r.Helper.Name, r.SentAt!.Value))
            .Take(10)
            .ToListAsync(cancellationToken);
    }

    public async Task<DashboardSummary> GetSummaryAsync(CancellationToken cancellationToken = default)
    {
        var owner = await account.GetIdAsync();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var byStatus = await db.HelpRequests.AsNoTracking()
            .Where(r => r.OwnerId == owner)
            .GroupBy(r => r.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Status, g => g.Count, cancellationToken);
        var helpers = await db.Helpers.CountAsync(h => h.OwnerId == owner && !h.IsArchived, cancellationToken);
        var thanks = await db.ThankYouNotes.CountAsync(n => n.OwnerId == owner && n.SentAt != null, cancellationToken);
        return new DashboardSummary(
            helpers,
            byStatus.GetValueOrDefault(RequestStatus.Draft),
            byStatus.GetValueOrDefault(RequestStatus.Sent),
            byStatus.GetValueOrDefault(RequestStatus.Helped),
            thanks);
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
