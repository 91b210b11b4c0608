using HelpAsk.Core.Domain;
using HelpAsk.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace HelpAsk.Web.Features.Sending;

/// <summary>
/// Delivers outbox messages in the background: at once when woken (by this instance, or by any instance's commit
/// heard through the <see cref="ChangeFeed"/>), otherwise when due, retrying with
/// exponential backoff. Each attempt first claims the message with a lease, so two dispatchers (or a
/// restarted one) never send it at the same time, and a crash only delays it until the lease runs out.
/// </summary>
public sealed partial class OutboxDispatcher(
    IDbContextFactory<HelpAskDbContext> contexts,
    IMailTransport transport,
    Outbox outbox,
    ChangeFeed changes,
    IOptions<EmailOptions> options,
    TimeProvider clock,
    ILogger<OutboxDispatcher> log) : BackgroundService
{
    private const int BatchSize = 20;
    private static readonly TimeSpan MinimumWait = TimeSpan.FromMilliseconds(100);
    private readonly EmailOptions email = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var heard = changes.Subscribe(change =>
        {
            if (change.ToDeliver)
            {
                outbox.Wake();
            }
        });
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = email.Delivery.PollInterval;
            try
            {
                wait = await DeliverDueAsync(stoppingToken);
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                // The database may be briefly unavailable; nothing is lost, the next round tries again.
                LogRoundFailed(failure);
            }

            await outbox.WaitAsync(wait, stoppingToken);
        }
    }

    /// <summary>Delivers every due message once; returns how long until the next one is due (at most the poll interval).</summary>
    public async Task<TimeSpan> DeliverDueAsync(CancellationToken cancellationToken)
    {
        var now = Now;
        List<Guid> due;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            due = await EveryAccountsMessages(db)
                .Where(m => m.State == DeliveryState.Waiting && m.NextAttemptAt <= now && (m.LockedUntil == null || m.LockedUntil < now))
                .OrderBy(m => m.NextAttemptAt)
                .Select(m => m.Id)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
        }

        foreach (var id in due)
        {
            await TryDeliverAsync(id, cancellationToken);
        }

        if (due.Count == BatchSize)
        {
            return TimeSpan.Zero;
        }

        await using var reader = await contexts.CreateDbContextAsync(cancellationToken);
        var waiting = await EveryAccountsMessages(reader)
            .Where(m => m.State == DeliveryState.Waiting)
            .OrderBy(m => m.NextAttemptAt)
            .Select(m => new { m.NextAttemptAt, m.LockedUntil })
            .Take(BatchSize)
            .ToListAsync(cancellationToken);

        // A message held by another attempt is due again when its lease runs out, not before.
        var untilNext = waiting.Count == 0
            ? email.Delivery.PollInterval
            : waiting.Min(m => m.LockedUntil > m.NextAttemptAt ? m.LockedUntil.Value : m.NextAttemptAt) - Now;
        return untilNext < MinimumWait ? MinimumWait
            : untilNext > email.Delivery.PollInterval ? email.Delivery.PollInterval
            : untilNext;
    }

    /// <summary>The dispatcher delivers the email of every account: the one job that reads the outbox across accounts.</summary>
    private static IQueryable<OutboxMessage> EveryAccountsMessages(HelpAskDbContext db) =>
        db.OutboxMessages.IgnoreQueryFilters([HelpAskDbContext.Ownership]);

    private async Task TryDeliverAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = Now;
        var leaseEnd = now + email.Delivery.Lease;
        var claimed = await EveryAccountsMessages(db)
            .Where(m => m.Id == id && m.State == DeliveryState.Waiting && (m.LockedUntil == null || m.LockedUntil < now))
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.LockedUntil, leaseEnd), cancellationToken);
        if (claimed == 0)
        {
            return;
        }

        var message = await EveryAccountsMessages(db).SingleAsync(m => m.Id == id, cancellationToken);
        try
        {
            message.DeliveredTo = await DeliverAsync(message, cancellationToken);
            message.State = DeliveryState.Delivered;
            message.DeliveredAt = Now;
            message.ProtectedLink = null;
            message.LastError = null;
            message.Attempts++;
            LogDelivered(message.Id, message.Attempts);
        }
        catch (DeliveryException failure)
        {
            message.Attempts++;
            message.LastError = failure.Message;
            if (failure.Permanent || message.Attempts >= email.Delivery.MaxAttempts)
            {
                message.State = DeliveryState.Failed;
                LogGaveUp(message.Id, message.Attempts, failure.Message);
            }
            else
            {
                message.NextAttemptAt = Now + email.Delivery.RetryDelayAfter(message.Attempts);
                LogWillRetry(message.Id, message.Attempts, message.NextAttemptAt, failure.Message);
            }
        }

        message.LockedUntil = null;

        // Not the caller's token: once handed over, the outcome must be written even while stopping.
        await db.SaveChangesAsync(CancellationToken.None);
    }

    /// <summary>
    /// Any failure short of stopping counts as a failed attempt, so an unexpected error is retried, counted and
    /// shown to the user like any other, rather than leaving the message locked and silently retried for ever.
    /// </summary>
    private async Task<string> DeliverAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        try
        {
            return await transport.DeliverAsync(ToMime(message), cancellationToken);
        }
        catch (Exception failure) when (failure is not DeliveryException and not OperationCanceledException)
        {
            throw new DeliveryException($"The email couldn't be prepared or handed over: {failure.Message}", permanent: false, failure);
        }
    }

    private MimeMessage ToMime(OutboxMessage message)
    {
        var mime = new MimeMessage
        {
            MessageId = message.MessageId,
            Date = new DateTimeOffset(message.CreatedAt, TimeSpan.Zero),
            Subject = message.Subject,
            Body = outbox.HtmlBodyWithLink(message) is { } html
                ? new BodyBuilder { TextBody = outbox.BodyWithLink(message), HtmlBody = html }.ToMessageBody()
                : new TextPart("plain") { Text = outbox.BodyWithLink(message) },
        };
        if (message.LinkUnsubscribes && outbox.LinkOf(message) is { } unsubscribe)
        {
            // RFC 8058: a mail program's "unsubscribe" POSTs "List-Unsubscribe=One-Click" to the link, no sign-in needed.
            mime.Headers.Add("List-Unsubscribe", $"<{unsubscribe}>");
            mime.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }

        // The asker's name goes in the display part only (MailKit encodes it); the address stays the app's own.
        mime.From.Add(new MailboxAddress(DisplayName.SenderName(message.SenderName, email.FromName), email.FromAddress));
        mime.To.Add(new MailboxAddress(message.ToName ?? "", message.ToAddress));
        if (!string.IsNullOrWhiteSpace(message.ReplyTo))
        {
            mime.ReplyTo.Add(MailboxAddress.Parse(message.ReplyTo));
        }

        return mime;
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    [LoggerMessage(LogLevel.Information, "Delivered outbox message {MessageId} on attempt {Attempt}")]
    private partial void LogDelivered(Guid messageId, int attempt);

    [LoggerMessage(LogLevel.Warning, "Outbox message {MessageId} failed on attempt {Attempt}; next try at {NextAttemptAt:u}: {Reason}")]
    private partial void LogWillRetry(Guid messageId, int attempt, DateTime nextAttemptAt, string reason);

    [LoggerMessage(LogLevel.Error, "Gave up on outbox message {MessageId} after {Attempt} attempts: {Reason}")]
    private partial void LogGaveUp(Guid messageId, int attempt, string reason);

    [LoggerMessage(LogLevel.Error, "An outbox delivery round failed")]
    private partial void LogRoundFailed(Exception failure);
}
