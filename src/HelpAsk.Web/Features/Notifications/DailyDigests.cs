using HelpAsk.Core.Text;
using HelpAsk.Web.Data;
using HelpAsk.Web.Features.Account;
using HelpAsk.Web.Features.Sending;
using HelpAsk.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace HelpAsk.Web.Features.Notifications;

/// <summary>
/// The daily digest: for an account that chose one daily email, the notifications kept since its last digest (answers,
/// reminders, follow-ups due), gathered into one email from <see cref="Hour"/> in the account's time zone. A
/// <see cref="SentDigest"/> row (unique per account and local day) is written with the email and the entries marked in
/// one transaction, so a restart or a second instance finds it and never sends a day's digest twice.
/// </summary>
public sealed class DailyDigests(
    IDbContextFactory<HelpAskDbContext> contexts, Notifier notifier, Outbox outbox, TimeProvider clock, ILogger<DailyDigests> log)
    : PeriodicJob(clock, Interval, log)
{
    /// <summary>
    /// The asker's local hour from which the day's digest is written: an hour after the reminders' morning
    /// (<see cref="Reminders.MorningHour"/>), so the follow-ups due that day are in it.
    /// </summary>
    public const int Hour = Reminders.MorningHour + 1;

    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    protected override Task RunRoundAsync(CancellationToken cancellationToken) => SendDueAsync(cancellationToken);

    /// <summary>Writes every digest now due; returns how many.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow().UtcDateTime;
        List<string> owners;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            // The one query across accounts: who has notifications waiting for a digest; each is then handled for its account.
            owners = await db.DigestEntries.IgnoreQueryFilters([HelpAskDbContext.Ownership])
                .Where(e => e.DigestedAt == null).Select(e => e.OwnerId).Distinct().ToListAsync(cancellationToken);
        }

        var written = 0;
        foreach (var owner in owners)
        {
            written += await SendAsync(owner, now, cancellationToken) ? 1 : 0;
        }

        if (written > 0)
        {
            outbox.Wake();
        }

        return written;
    }

    private async Task<bool> SendAsync(string ownerId, DateTime now, CancellationToken cancellationToken)
    {
        await using var db = await contexts.OpenForAsync(ownerId, cancellationToken);
        var locale = await AccountLocale.OfAsync(db, ownerId, Clock.LocalTimeZone, cancellationToken);
        var local = locale.ToLocal(now);
        var day = DateOnly.FromDateTime(local);
        if (local.Hour < Hour || await db.SentDigests.AnyAsync(d => d.Day == day, cancellationToken))
        {
            return false;
        }

        var entries = await db.DigestEntries.Where(e => e.DigestedAt == null).OrderBy(e => e.At).ToListAsync(cancellationToken);
        foreach (var entry in entries)
        {
            entry.DigestedAt = now;
        }

        // A kind turned off since its entry was kept (the digest's own unsubscribe link turns them all off) is not sent.
        var off = await db.NotificationOptOuts.Select(o => o.Kind).ToListAsync(cancellationToken);
        var sent = entries.Where(e => !off.Contains(e.Kind)).ToList();
        if (sent.Count == 0)
        {
            await db.SaveChangesAsync(cancellationToken);
            return false;
        }

        db.SentDigests.Add(new SentDigest { OwnerId = ownerId, Day = day, At = now });

        return await Reminders.SaveOnceAsync(db,
            await notifier.AddDigestAsync(db, ownerId, CultureDates.Long(day, locale.Culture), sent, cancellationToken), cancellationToken);
    }
}
