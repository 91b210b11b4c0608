using HelpAsk.Web.Data;
using HelpAsk.Web.Features.Account;
using Microsoft.EntityFrameworkCore;

namespace HelpAsk.Web.Features.Notifications;

/// <summary>Which notifications an account gets. The one place a kind is turned on or off, from settings or an unsubscribe link.</summary>
public sealed class NotificationSettings(IDbContextFactory<HelpAskDbContext> contexts, TimeProvider clock)
{
    /// <summary>Every kind, on or off, for the account (the signed-in one, or the one an unsubscribe link names).</summary>
    public async Task<IReadOnlyDictionary<NotificationKind, bool>> GetAsync(string accountId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.OpenForAsync(accountId, cancellationToken);
        var off = await db.NotificationOptOuts.Select(o => o.Kind).ToListAsync(cancellationToken);
        return Enum.GetValues<NotificationKind>().ToDictionary(kind => kind, kind => !off.Contains(kind));
    }

    /// <summary>Setting what is already set changes nothing.</summary>
    public async Task SetAsync(string accountId, NotificationKind kind, bool on, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.OpenForAsync(accountId, cancellationToken);
        var optOut = await db.NotificationOptOuts.SingleOrDefaultAsync(o => o.Kind == kind, cancellationToken);
        if (on && optOut is not null)
        {
            db.NotificationOptOuts.Remove(optOut);
        }
        else if (!on && optOut is null)
        {
            db.NotificationOptOuts.Add(new NotificationOptOut { OwnerId = accountId, Kind = kind, At = clock.GetUtcNow().UtcDateTime });
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (!on)
        {
            // Two clicks at once both found it on: the other one turned it off, which is what this one wanted.
        }
    }

    public const string DigestDescription = "One daily email instead of single emails";

    /// <summary>Whether the account gathers its notifications into one daily email.</summary>
    public async Task<bool> DigestIsOnAsync(string accountId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await DigestIsOnAsync(db, accountId, cancellationToken);
    }

    public static Task<bool> DigestIsOnAsync(HelpAskDbContext db, string accountId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Users.Where(u => u.Id == accountId).Select(u => u.DailyDigest).SingleAsync(cancellationToken);
    }

    /// <summary>Notifications already kept for a digest still go in the next one when it is turned off.</summary>
    public async Task SetDigestAsync(string accountId, bool on, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Users.Where(u => u.Id == accountId).ExecuteUpdateAsync(set => set.SetProperty(u => u.DailyDigest, on), cancellationToken);
    }

    /// <summary>Whether the account of <paramref name="db"/> (opened for it) gets this kind.</summary>
    public static async Task<bool> IsOnAsync(HelpAskDbContext db, NotificationKind kind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return !await db.NotificationOptOuts.AnyAsync(o => o.Kind == kind, cancellationToken);
    }
}
