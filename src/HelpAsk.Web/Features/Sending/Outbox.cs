using HelpAsk.Core.Domain;
using HelpAsk.Web.Data;
using HelpAsk.Web.Hosting;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.DataProtection;

namespace HelpAsk.Web.Features.Sending;

/// <summary>What to send: the caller's words, to one person.</summary>
public sealed record OutgoingEmail(
    string OwnerId, OutboxPurpose Purpose, string ToAddress, string? ToName, string Subject, string Body,
    string? ReplyTo = null, Guid? HelpRequestId = null, Guid? ThankYouNoteId = null, string? SenderName = null,
    string? HtmlBody = null, bool LinkUnsubscribes = false);

/// <summary>
/// Puts emails in the outbox as part of the caller's unit of work; the dispatcher delivers them after the
/// caller commits. A personal link is kept encrypted in the row, and only in the row, until delivery.
/// </summary>
public sealed class Outbox(IDataProtectionProvider protection, TimeProvider clock)
{
    private readonly IDataProtector links = protection.CreateProtector("HelpAsk.Outbox.Link");
    private readonly Wakeup wakeup = new();

    /// <summary>Adds the email to <paramref name="db"/>; it is written by the caller's SaveChanges.</summary>
    /// <param name="link">Replaces <see cref="OutboxMessage.LinkPlaceholder"/> in the body at delivery.</param>
    public OutboxMessage Add(HelpAskDbContext db, OutgoingEmail email, string? link = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(email);
        var now = clock.GetUtcNow().UtcDateTime;
        var message = new OutboxMessage
        {
            OwnerId = email.OwnerId,
            Purpose = email.Purpose,
            HelpRequestId = email.HelpRequestId,
            ThankYouNoteId = email.ThankYouNoteId,
            ToAddress = email.ToAddress.Trim(),
            ToName = email.ToName,
            ReplyTo = email.ReplyTo,
            SenderName = DisplayName.Normalize(email.SenderName),
            Subject = email.Subject.Trim(),
            Body = email.Body,
            HtmlBody = email.HtmlBody,
            LinkUnsubscribes = email.LinkUnsubscribes,
            ProtectedLink = link is null ? null : links.Protect(link),
            CreatedAt = now,
            NextAttemptAt = now,
            State = DeliveryState.Waiting,
        };
        db.OutboxMessages.Add(message);
        return message;
    }

    /// <summary>The body as the recipient reads it, with the personal link in place.</summary>
    public string BodyWithLink(OutboxMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.ProtectedLink is null
            ? BodyWithoutLink(message)
            : message.Body.Replace(OutboxMessage.LinkPlaceholder, links.Unprotect(message.ProtectedLink), StringComparison.Ordinal);
    }

    /// <summary>The HTML part as the recipient reads it, with the personal link in place (encoded for HTML); null without one.</summary>
    public string? HtmlBodyWithLink(OutboxMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.HtmlBody is null || message.ProtectedLink is null
            ? message.HtmlBody
            : message.HtmlBody.Replace(OutboxMessage.LinkPlaceholder, HtmlEncoder.Default.Encode(links.Unprotect(message.ProtectedLink)), StringComparison.Ordinal);
    }

    /// <summary>The personal link itself, for a header that must carry it; null without one.</summary>
    public string? LinkOf(OutboxMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.ProtectedLink is null ? null : links.Unprotect(message.ProtectedLink);
    }

    /// <summary>The body with its personal link left out: what the app may show of an email it sends to someone else.</summary>
    public static string BodyWithoutLink(OutboxMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.Body.Replace(OutboxMessage.LinkPlaceholder, "(personal link, only in the email its recipient gets)", StringComparison.Ordinal);
    }

    /// <summary>
    /// Tells this instance's dispatcher there is something to deliver now, after the caller has committed. Other
    /// instances hear of it from the database (<see cref="PostgresChangeListener"/>), on PostgreSQL.
    /// </summary>
    public void Wake() => wakeup.Ring();

    internal async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await wakeup.WaitAsync(timeout, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
