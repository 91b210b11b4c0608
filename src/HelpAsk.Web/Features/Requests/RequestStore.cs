using HelpAsk.Core.Domain;
using HelpAsk.Web.Data;
using HelpAsk.Web.Features.Account;
using Microsoft.EntityFrameworkCore;

namespace HelpAsk.Web.Features.Requests;

/// <summary>The signed-in account's help requests. Another account's request is, to this class, one that does not exist.</summary>
public sealed class RequestStore(IDbContextFactory<HelpAskDbContext> contexts, CurrentAccount account, TimeProvider clock)
{
    public async Task<HelpRequest> StartDraftAsync(string title = "", CancellationToken cancellationToken = default)
    {
        var draft = HelpRequest.StartDraft(await account.GetIdAsync(), clock.GetUtcNow().UtcDateTime, title);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.HelpRequests.Add(draft);
        await db.SaveChangesAsync(cancellationToken);
        return draft;
    }

    /// <summary>The request with its helper and timeline, or null when this account has none with that id.</summary>
    public async Task<HelpRequest?> FindAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var owner = await account.GetIdAsync();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.HelpRequests.AsNoTracking()
            .Include(r => r.Helper)
            .Include(r => r.Events)
            .SingleOrDefaultAsync(r => r.Id == id && r.OwnerId == owner, cancellationToken);
    }
}
