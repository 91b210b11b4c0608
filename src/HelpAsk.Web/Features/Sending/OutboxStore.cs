using HelpAsk.Web.Data;
using HelpAsk.Web.Features.Account;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace HelpAsk.Web.Features.Sending;

/// <summary>A line of the outbox: what was sent to whom, and how delivery is going.</summary>
public sealed record OutboxEntry(
    Guid Id, OutboxPurpose Purpose, Guid? HelpRequestId, string ToAddress, string? ToName, string Subject,
    DateTime CreatedAt, DeliveryState State, int Attempts, DateTime NextAttemptAt, string? LastError, DateTime? DeliveredAt, string? DeliveredTo);

/// <summary>The signed-in account's outgoing email.</summary>
public sealed class OutboxStore(
    IDbContextFactory<HelpAskDbContext> contexts,
    CurrentAccount account,
    Outbox outbox,
    IMailTransport transport,
    TimeProvider clock)
{
    /// <summary>True when email goes to the pickup folder rather than a mail server.</summary>
    public bool UsesPickupFolder => transport is PickupFolderMailTransport;

    public async Task<IReadOnlyList<OutboxEntry>> ListAsync(Guid? helpRequestId = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.OpenForAsync(account, cancellationToken);
        var messages = db.OutboxMessages.AsNoTracking();
        if (helpRequestId is { } requestId)
        {
            messages = messages.Where(m => m.HelpRequestId == requestId);
        }

        return await Entries(messages.OrderByDescending(m => m.CreatedAt).Take(500)).ToListAsync(cancellationToken);
    }

    public async Task<OutboxEntry?> FindAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.OpenForAsync(account, cancellationToken);
        return await Entries(db.OutboxMessages.AsNoTracking().Where(m => m.Id == id)).SingleOrDefaultAsync(cancellationToken);
    }

    private static IQueryable<OutboxEntry> Entries(IQueryable<OutboxMessage> messages) =>
        messages.Select(m => new OutboxEntry(m.Id, m.Purpose, m.HelpRequestId, m.ToAddress, m.ToName, m.Subject, m.CreatedAt, m.State,
            m.Attempts, m.NextAttemptAt, m.LastError, m.DeliveredAt, m.DeliveredTo));

    /// <summary>Queues a waiting or failed message for an attempt right now. False when there is nothing to retry.</summary>
    public async Task<bool> RetryAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contexts.OpenForAsync(account, cancellationToken);
        var changed = await db.OutboxMessages
            .Where(m => m.Id == id && m.State != DeliveryState.Delivered)
            .ExecuteUpdateAsync(
                set => set.SetProperty(m => m.State, DeliveryState.Waiting).SetProperty(m => m.NextAttemptAt, now).SetProperty(m => m.Attempts, 0),
                cancellationToken);
        if (changed == 1)
        {
            outbox.Wake();
        }

        return changed == 1;
    }

    /// <summary>
    /// The text of one message as the app shows it to its sender; null when not this account's. A personal link is a
    /// secret of its recipient, so it is shown only for a request email in pickup mode (no mail server: the user is
    /// trying HelpAsk on their own machine and opens the helper's side themselves). An account email's link (confirm an
    /// address, reset a password) is never shown, in any state: it would let whoever reads the Outbox act as the
    /// recipient. With a mail server, no link is decrypted for display, waiting or failed.
    /// </summary>
    public async Task<string?> ReadAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.OpenForAsync(account, cancellationToken);
        var message = await db.OutboxMessages.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (message is null)
        {
            return null;
        }

        if (!(message.Purpose == OutboxPurpose.HelpRequest && transport is PickupFolderMailTransport pickup))
        {
            return Outbox.BodyWithoutLink(message);
        }

        if (message.State == DeliveryState.Delivered && File.Exists(pickup.PathOf(message.MessageId)))
        {
            var mime = await MimeMessage.LoadAsync(pickup.PathOf(message.MessageId), cancellationToken);
            return mime.TextBody;
        }

        return outbox.BodyWithLink(message);
    }
}
