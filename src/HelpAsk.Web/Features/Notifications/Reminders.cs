using HelpAsk.Core.Domain;
using HelpAsk.Core.Text;
using HelpAsk.Web.Data;
using HelpAsk.Web.Features.Account;
using HelpAsk.Web.Features.Sending;
using HelpAsk.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace HelpAsk.Web.Features.Notifications;

/// <summary>
/// The scheduled notifications: a nudge after four days without an answer, and a reminder to say thanks two days after
/// someone helped, each once per request; and an email on the morning (in the asker's time zone) a planned follow-up
/// falls due, once per follow-up. A <see cref="SentReminder"/> or <see cref="NotifiedFollowUp"/> row (unique per
/// request and kind, or per follow-up) is written in the same transaction as the email, so a restart or a second
/// instance finds it and never sends the same one twice.
/// </summary>
public sealed class Reminders(
    IDbContextFactory<HelpAskDbContext> contexts, Notifier notifier, Outbox outbox, TimeProvider clock, ILogger<Reminders> log)
    : PeriodicJob(clock, Interval, log)
{
    public static readonly TimeSpan NoAnswerAfter = TimeSpan.FromDays(4);
    public static readonly TimeSpan NotThankedAfter = TimeSpan.FromDays(2);

    /// <summary>The asker's local hour from which a follow-up due that day is emailed: the morning of its date.</summary>
    public const int MorningHour = 8;

    /// <summary>
    /// How long after it falls due a reminder is still worth sending. Past that (a request that went quiet before this
    /// feature existed, or while the server was down for weeks) it would only be noise.
    /// </summary>
    public static readonly TimeSpan StillTimelyFor = TimeSpan.FromDays(7);

    // The first round waits too (no RoundAtStart): reminders are days late by nature, and a start-up has enough to do.
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    protected override Task RunRoundAsync(CancellationToken cancellationToken) => SendDueAsync(cancellationToken);

    /// <summary>Writes every reminder now due; returns how many emails were written.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow().UtcDateTime;
        var unanswered = now - NoAnswerAfter;
        var unthanked = now - NotThankedAfter;
        List<(Guid RequestId, string OwnerId, NotificationKind Kind)> due;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            // The one query across accounts: which requests of anyone need a reminder; each is then handled for its account.
            var requests = db.HelpRequests.IgnoreQueryFilters([HelpAskDbContext.Ownership]).Where(r => r.DeletedAt == null);
            var reminded = db.SentReminders.IgnoreQueryFilters([HelpAskDbContext.Ownership]);
            var noAnswer = await requests
                .Where(r => r.Status == RequestStatus.Sent && r.SentAt <= unanswered && r.SentAt > unanswered - StillTimelyFor
                            && !reminded.Any(s => s.HelpRequestId == r.Id && s.Kind == NotificationKind.NoAnswer))
                .Select(r => new { r.Id, r.OwnerId }).ToListAsync(cancellationToken);
            var notThanked = await requests
                .Where(r => r.Status == RequestStatus.Helped && r.HelpedAt <= unthanked && r.HelpedAt > unthanked - StillTimelyFor
                            && !reminded.Any(s => s.HelpRequestId == r.Id && s.Kind == NotificationKind.NotThanked))
                .Select(r => new { r.Id, r.OwnerId }).ToListAsync(cancellationToken);
            due = [.. noAnswer.Select(r => (r.Id, r.OwnerId, NotificationKind.NoAnswer)), .. notThanked.Select(r => (r.Id, r.OwnerId, NotificationKind.NotThanked))];
        }

        var written = 0;
        foreach (var (requestId, ownerId, kind) in due)
        {
            written += await RemindAsync(requestId, ownerId, kind, now, cancellationToken) ? 1 : 0;
        }

        written += await SendFollowUpsDueAsync(now, cancellationToken);

        if (written > 0)
        {
            outbox.Wake();
        }

        return written;
    }

    private async Task<bool> RemindAsync(Guid requestId, string ownerId, NotificationKind kind, DateTime now, CancellationToken cancellationToken)
    {
        await using var db = await contexts.OpenForAsync(ownerId, cancellationToken);
        var request = await db.HelpRequests.Include(r => r.Helper).SingleOrDefaultAsync(r => r.Id == requestId, cancellationToken);
        if (request is null)
        {
            return false;
        }

        // Recorded even when the kind is off, so turning it back on later does not send a stale reminder.
        db.SentReminders.Add(new SentReminder { OwnerId = ownerId, HelpRequestId = requestId, Kind = kind, At = now });
        var locale = await AccountLocale.OfAsync(db, ownerId, Clock.LocalTimeZone, cancellationToken);
        return await SaveOnceAsync(db, await notifier.AddAsync(db, kind, request, ReminderEmail.Write(kind, request, locale), cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Follow-ups whose morning has come in their account's time zone. Which ones is asked across accounts for a window of
    /// dates wide enough for every zone; each account's own clock then decides.
    /// </summary>
    private async Task<int> SendFollowUpsDueAsync(DateTime now, CancellationToken cancellationToken)
    {
        var utcToday = DateOnly.FromDateTime(now);
        var latest = utcToday.AddDays(1);
        var earliest = utcToday.AddDays(-(int)StillTimelyFor.TotalDays - 1);
        List<(Guid FollowUpId, string OwnerId)> candidates;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var notified = db.NotifiedFollowUps.IgnoreQueryFilters([HelpAskDbContext.Ownership]);
            candidates = [.. (await db.ImpactFollowUps.IgnoreQueryFilters([HelpAskDbContext.Ownership])
                .Where(f => f.DoneAt == null && f.DueOn <= latest && f.DueOn >= earliest && !notified.Any(n => n.FollowUpId == f.Id))
                .Select(f => new { f.Id, f.OwnerId }).ToListAsync(cancellationToken)).Select(f => (f.Id, f.OwnerId))];
        }

        var written = 0;
        foreach (var (followUpId, ownerId) in candidates)
        {
            written += await NotifyFollowUpAsync(followUpId, ownerId, now, cancellationToken) ? 1 : 0;
        }

        return written;
    }

    private async Task<bool> NotifyFollowUpAsync(Guid followUpId, string ownerId, DateTime now, CancellationToken cancellationToken)
    {
        await using var db = await contexts.OpenForAsync(ownerId, cancellationToken);
        var followUp = await db.ImpactFollowUps.Include(f => f.Helper).SingleOrDefaultAsync(f => f.Id == followUpId && f.DoneAt == null, cancellationToken);
        var locale = await AccountLocale.OfAsync(db, ownerId, Clock.LocalTimeZone, cancellationToken);
        var local = locale.ToLocal(now);
        var morning = followUp?.DueOn.ToDateTime(new TimeOnly(MorningHour, 0));
        if (followUp is null || local < morning || local >= morning + StillTimelyFor)
        {
            // Not yet its morning where the asker lives, or too stale to be worth an email.
            return false;
        }

        // Recorded even when the kind is off, like the reminders.
        db.NotifiedFollowUps.Add(new NotifiedFollowUp { OwnerId = ownerId, FollowUpId = followUpId, At = now });
        return await SaveOnceAsync(db,
            await notifier.AddAsync(db, NotificationKind.FollowUpDue, ownerId, followUp.HelpRequestId, FollowUpEmail.Write(followUp, locale), cancellationToken),
            cancellationToken);
    }

    /// <summary>Commits a scheduled email's record and the email together; false when another instance recorded it first.</summary>
    internal static async Task<bool> SaveOnceAsync(HelpAskDbContext db, bool written, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return written;
        }
        catch (DbUpdateException)
        {
            // Another instance recorded this one first (the key is unique), or the database was busy: nothing of this
            // attempt was written, and the next round looks again.
            return false;
        }
    }
}

/// <summary>The reminders' words: the same suggestions the dashboard and the request page make, dates as the asker writes them.</summary>
public static class ReminderEmail
{
    public static Letter Write(NotificationKind kind, HelpRequest request, Locale locale)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(locale);
        var helperName = AnswerNotifications.HelperName(request);
        var firstName = RequestMessage.FirstName(helperName);
        var label = AnswerNotifications.RequestLabel(request);
        return kind switch
        {
            NotificationKind.NoAnswer => new Letter($"No answer yet from {helperName}: {label}",
            [
                new($"You asked {helperName} for help with “{label}” on {LocalDate(request.SentAt, locale)}, and there is no answer yet."),
                new($"People often mean to reply and then get busy. A short, friendly word to {firstName} in person usually does it; "
                    + "or, if you've moved on, record \"No answer\" on the request and ask someone else."),
            ]),
            NotificationKind.NotThanked => new Letter($"Say thanks to {helperName}: {label}",
            [
                new($"{helperName} helped you with “{label}” (on {LocalDate(request.HelpedAt, locale)}), and you haven't thanked them in HelpAsk yet."),
                new($"A short note that says what {firstName} did and the difference it made means more than a quick \"thanks\". "
                    + "\"Say thanks\" on the request helps you write it."),
            ]),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a reminder."),
        };
    }

    /// <summary>A stored (UTC) time's date on the asker's calendar, written in their culture.</summary>
    public static string LocalDate(DateTime? utc, Locale locale)
    {
        ArgumentNullException.ThrowIfNull(locale);
        return utc is { } at ? CultureDates.Long(DateOnly.FromDateTime(locale.ToLocal(at)), locale.Culture) : "";
    }
}

/// <summary>The follow-up's morning: what the asker planned to tell whom, and the link that opens the note with the impact prompt.</summary>
public static class FollowUpEmail
{
    public static Letter Write(ImpactFollowUp followUp, Locale locale)
    {
        ArgumentNullException.ThrowIfNull(followUp);
        ArgumentNullException.ThrowIfNull(locale);
        var helperName = followUp.Helper?.Name is { Length: > 0 } name ? name : "your helper";
        var firstName = RequestMessage.FirstName(helperName);
        return new Letter($"Tell {firstName} {followUp.Plan}",
            [
                new($"You planned to tell {helperName} this, on {CultureDates.Long(followUp.DueOn, locale.Culture)}:", followUp.Plan),
                new($"People who help rarely hear what difference it made. A few lines to {firstName} about how it went "
                    + "make them glad they helped, and readier to help again."),
            ],
            new LetterLink($"Write to {firstName}", $"thanks/new?followUp={followUp.Id}"));
    }
}
