using HelpAsk.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace HelpAsk.Web.Features.Requests;

/// <summary>
/// Removes for good, every hour, the drafts deleted more than <see cref="RequestStore.UndoWindow"/> ago, in every
/// account: a deleted draft is kept only as long as it can be restored, whether or not its owner comes back.
/// </summary>
public sealed partial class DeletedDraftPurge(
    IDbContextFactory<HelpAskDbContext> contexts, TimeProvider clock, ILogger<DeletedDraftPurge> log) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PurgeAsync(stoppingToken);
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                // A locked or unreachable database: the drafts stay deleted (hidden) and go at the next round.
                LogPurgeFailed(failure);
            }

            await Task.Delay(Interval, clock, stoppingToken);
        }
    }

    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        var purgeBefore = clock.GetUtcNow().UtcDateTime - RequestStore.UndoWindow;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.HelpRequests.IgnoreQueryFilters([HelpAskDbContext.Ownership])
            .Where(r => r.DeletedAt != null && r.DeletedAt < purgeBefore)
            .ExecuteDeleteAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Purging deleted drafts failed; the next round tries again")]
    private partial void LogPurgeFailed(Exception failure);
}
