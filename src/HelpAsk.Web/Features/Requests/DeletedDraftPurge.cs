using HelpAsk.Web.Data;
using HelpAsk.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace HelpAsk.Web.Features.Requests;

/// <summary>
/// Removes for good, every hour, the drafts deleted more than <see cref="RequestStore.UndoWindow"/> ago, in every
/// account: a deleted draft is kept only as long as it can be restored, whether or not its owner comes back.
/// </summary>
public sealed class DeletedDraftPurge(IDbContextFactory<HelpAskDbContext> contexts, TimeProvider clock, ILogger<DeletedDraftPurge> log)
    : PeriodicJob(clock, Interval, log)
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    // Drafts whose day ran out while the app was stopped go at once.
    protected override bool RoundAtStart => true;

    protected override Task RunRoundAsync(CancellationToken cancellationToken) => PurgeAsync(cancellationToken);

    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        var purgeBefore = Clock.GetUtcNow().UtcDateTime - RequestStore.UndoWindow;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.HelpRequests.IgnoreQueryFilters([HelpAskDbContext.Ownership])
            .Where(r => r.DeletedAt != null && r.DeletedAt < purgeBefore)
            .ExecuteDeleteAsync(cancellationToken);
    }
}
