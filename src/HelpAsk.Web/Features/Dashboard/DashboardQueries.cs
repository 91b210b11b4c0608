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

public sealed class DashboardQueries(IDbContextFactory<HelpAskDbContext> contexts, CurrentAccount account)
{
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
