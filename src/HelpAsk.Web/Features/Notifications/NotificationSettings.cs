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

    /// <summary>Setting what is already set changes nothing; a kind that does not exist is refused, and nothing is stored.</summary>
    public async Task SetAsync(string accountId, NotificationKind kind, bool on, CancellationToken cancellationToken = default)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "There is no such kind of notification.");
        }

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

    /// <summary>
    /// An unsubscribe link's change: turns these kinds off and says which of them this call turned off (those still on)
    /// and when, which is what its undo may turn back on.
    /// </summary>
    public async Task<TurnedOff> TurnOffAsync(string accountId, IReadOnlyCollection<NotificationKind> kinds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        // Whole milliseconds: what every database keeps of a time, so the undo finds these rows by it.
        var now = clock.GetUtcNow().UtcDateTime;
        var at = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
        await using var db = await contexts.OpenForAsync(accountId, cancellationToken);
        var off = await db.NotificationOptOuts.Select(o => o.Kind).ToListAsync(cancellationToken);
        var turned = kinds.Distinct().Where(kind => Enum.IsDefined(kind) && !off.Contains(kind)).Order().ToList();
        db.NotificationOptOuts.AddRange(turned.Select(kind => new NotificationOptOut { OwnerId = accountId, Kind = kind, At = at }));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another click turned them off first: what this one wanted, and nothing of its own to undo.
            return new TurnedOff(accountId, [], at);
        }

        return new TurnedOff(accountId, turned, at);
    }

    /// <summary>
    /// An undo link's change: turns back on what <see cref="TurnOffAsync"/> turned off, each kind only if it is still off
    /// from that very click. A replayed undo, or one after the kind was turned on and off again since, changes nothing.
    /// Returns the kinds turned back on.
    /// </summary>
    public async Task<IReadOnlyList<NotificationKind>> UndoAsync(TurnedOff turnedOff, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnedOff);
        await using var db = await contexts.OpenForAsync(turnedOff.AccountId, cancellationToken);
        var rows = await db.NotificationOptOuts.Where(o => turnedOff.Kinds.Contains(o.Kind)).ToListAsync(cancellationToken);
        var fromThatClick = rows.Where(o => o.At == turnedOff.At).ToList();
        db.NotificationOptOuts.RemoveRange(fromThatClick);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // A second press of the same undo removed them first.
            return [];
        }

        return [.. fromThatClick.Select(o => o.Kind).Order()];
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

/// <summary>What one unsubscribe click turned off (the kinds that were on), and when: what its undo may turn back on.</summary>
public sealed record TurnedOff(string AccountId, IReadOnlyList<NotificationKind> Kinds, DateTime At);
