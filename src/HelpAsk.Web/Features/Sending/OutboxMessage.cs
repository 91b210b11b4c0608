using HelpAsk.Core.Domain;

namespace HelpAsk.Web.Features.Sending;

public enum OutboxPurpose
{
    HelpRequest,
    ThankYouNote,
    AccountEmail,

    /// <summary>To the account itself, about its own requests (an answer arrived); see Features/Notifications.</summary>
    Notification,
}

public enum DeliveryState
{
    /// <summary>Waiting for its first or next attempt.</summary>
    Waiting,
    Delivered,

    /// <summary>Given up after the last attempt or a permanent refusal; the user can retry.</summary>
    Failed,
}

/// <summary>
/// An email waiting to be delivered, written in the same transaction as whatever it reports (a request
/// becoming Sent), so a crash between the two can neither send without recording nor record without sending.
/// </summary>
public sealed class OutboxMessage : IOwned
{
    public const int SubjectMaxLength = HelpAsk.Core.Validation.EmailToSend.SubjectMaxLength;
    public const int BodyMaxLength = 40_000;

    /// <summary>Where the personal link goes in <see cref="Body"/>; the link itself is kept encrypted until delivery.</summary>
    public const string LinkPlaceholder = "{{link}}";

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string OwnerId { get; init; }
    public OutboxPurpose Purpose { get; init; }
    public Guid? HelpRequestId { get; init; }
    public Guid? ThankYouNoteId { get; init; }
    public required string ToAddress { get; init; }
    public string? ToName { get; init; }
    public string? ReplyTo { get; init; }

    /// <summary>The account's display name, shown as "… via HelpAsk" in the From header; null sends as HelpAsk alone.</summary>
    public string? SenderName { get; init; }
    public required string Subject { get; init; }
    public required string Body { get; init; }

    /// <summary>An HTML part sent beside <see cref="Body"/>, already encoded by its writer; it may hold the link placeholder too.</summary>
    public string? HtmlBody { get; init; }

    /// <summary>
    /// The personal link turns this kind of email off: it also goes in the List-Unsubscribe header, with
    /// List-Unsubscribe-Post for a mail program's one-click POST (RFC 8058).
    /// </summary>
    public bool LinkUnsubscribes { get; init; }

    /// <summary>The personal link for the placeholder, protected by the app's data-protection keys; cleared once delivered.</summary>
    public string? ProtectedLink { get; set; }

    public DateTime CreatedAt { get; init; }
    public DeliveryState State { get; set; }
    public int Attempts { get; set; }
    public DateTime NextAttemptAt { get; set; }

    /// <summary>While set and in the future, one dispatcher owns the message; a crash lets the lease run out.</summary>
    public DateTime? LockedUntil { get; set; }

    public string? LastError { get; set; }
    public DateTime? DeliveredAt { get; set; }

    /// <summary>Where it went: the SMTP server, or the .eml file in the pickup folder.</summary>
    public string? DeliveredTo { get; set; }

    /// <summary>The Message-ID header, the same on every attempt, so a receiving server can spot a repeat.</summary>
    public string MessageId => MessageIdOf(Id);

    public static string MessageIdOf(Guid id) => $"{id:N}@helpask";
}
