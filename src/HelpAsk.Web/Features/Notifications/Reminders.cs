using HelpAsk.Core.Domain;
using HelpAsk.Web.Data;
using HelpAsk.Web.Features.Account;
using HelpAsk.Web.Features.Sending;
using Microsoft.EntityFrameworkCore;

namespace HelpAsk.Web.Features.Notifications;

/// <summary>
/// The scheduled notifications: a nudge after four days without an answer, and a reminder to say thanks two days after
/// someone helped, each once per request. A <see cref="SentReminder"/> row (unique per request and kind) is written in
/// the same transaction as the email, so a restart or a second instance finds it and never sends the same one twice.
/// </summary>
public sealed partial class Reminders(
    IDbContextFactory<HelpAskDbContext> contexts, Notifier notifier, Outbox outbox, TimeProvider clock, ILogger<Reminders> log) : BackgroundService
{
    public static readonly TimeSpan NoAnswerAfter = TimeSpan.FromDays(4);
    public static readonly TimeSpan NotThankedAfter = TimeSpan.FromDays(2);

    /// <summary>
    /// How long after it falls due a reminder is still worth sending. Past that (a request that went quiet before this
    /// feature existed, or while the server was down for weeks) it would only be noise.
    /// </summary>
    public static readonly TimeSpan StillTimelyFor = TimeSpan.FromDays(7);
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The first round waits too: reminders are days late by nature, and a start-up has enough to do.
        while (await WaitAsync(stoppingToken))
        {
            try
            {
                await SendDueAsync(stoppingToken);
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                // The database may be briefly unavailable; nothing was recorded as sent, so the next round tries again.
                LogRoundFailed(failure);
            }
        }
    }

    private async Task<bool> WaitAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(Interval, clock, stoppingToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Writes every reminder now due; returns how many emails were written.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
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
        var written = await notifier.AddAsync(db, kind, request, ReminderEmail.Write(kind, request), cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return written;
        }
        catch (DbUpdateException)
        {
            // Another instance recorded this reminder first (the key is unique), or the database was busy: nothing of this
            // attempt was written, and the next round looks again.
            return false;
        }
    }

    [LoggerMessage(LogLevel.Error, "A reminders round failed")]
    private partial void LogRoundFailed(Exception failure);
}

/// <summary>The reminders' words: the same suggestions the dashboard and the request page make.</summary>
public static class ReminderEmail
{
    public static Letter Write(NotificationKind kind, HelpRequest request)
    {
        var helperName = AnswerNotifications.HelperName(request);
        var firstName = RequestMessage.FirstName(helperName);
        var label = AnswerNotifications.RequestLabel(request);
        return kind switch
        {
            NotificationKind.NoAnswer => new Letter($"No answer yet from {helperName}: {label}",
            [
                new($"You asked {helperName} for help with “{label}” four days ago, and there is no answer yet."),
                new($"People often mean to reply and then get busy. A short, friendly word to {firstName} in person usually does it; "
                    + "or, if you've moved on, record \"No answer\" on the request and ask someone else."),
            ]),
            NotificationKind.NotThanked => new Letter($"Say thanks to {helperName}: {label}",
            [
                new($"{helperName} helped you with “{label}”, and you haven't thanked them in HelpAsk yet."),
                new($"A short note that says what {firstName} did and the difference it made means more than a quick \"thanks\". "
                    + "\"Say thanks\" on the request helps you write it."),
            ]),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a reminder."),
        };
    }
}
