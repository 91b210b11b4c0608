using HelpAsk.Core.Domain;

namespace HelpAsk.Web.Features.Notifications;

/// <summary>The kinds of email HelpAsk sends an account about its own requests; each can be turned off on its own.</summary>
public enum NotificationKind
{
    /// <summary>A helper answered a request.</summary>
    Answers,

    /// <summary>A request sent four days ago has had no answer: one gentle nudge.</summary>
    NoAnswer,

    /// <summary>Someone helped two days ago and has not been thanked yet: one reminder.</summary>
    NotThanked,

    /// <summary>A planned impact follow-up falls due: one email on the morning of its date.</summary>
    FollowUpDue,
}

/// <summary>A kind of notification the account turned off. No row means on: every kind is on by default.</summary>
public sealed class NotificationOptOut : IOwned
{
    public required string OwnerId { get; init; }
    public NotificationKind Kind { get; init; }
    public DateTime At { get; init; }
}

public static class NotificationKinds
{
    /// <summary>What the settings page and the unsubscribe page call a kind.</summary>
    public static string Describe(NotificationKind kind) => kind switch
    {
        NotificationKind.Answers => "Answers to your requests",
        NotificationKind.NoAnswer => "A nudge when a request has had no answer for four days",
        NotificationKind.NotThanked => "A reminder to say thanks two days after someone helped",
        NotificationKind.FollowUpDue => "A reminder on the morning a follow-up falls due",
        _ => kind.ToString(),
    };
}

/// <summary>A reminder considered for a request (sent, or skipped because its kind was off): at most one per request and kind.</summary>
public sealed class SentReminder : IOwned
{
    public required string OwnerId { get; init; }
    public Guid HelpRequestId { get; init; }
    public NotificationKind Kind { get; init; }
    public DateTime At { get; init; }
}

/// <summary>A follow-up whose morning came (emailed, or skipped because its kind was off): at most one per follow-up.</summary>
public sealed class NotifiedFollowUp : IOwned
{
    public required string OwnerId { get; init; }
    public Guid FollowUpId { get; init; }
    public DateTime At { get; init; }
}

/// <summary>
/// A notification kept for the account's daily digest (it chose one daily email instead of single ones), until
/// <see cref="DailyDigests"/> sends it with the rest of the day's.
/// </summary>
public sealed class DigestEntry : IOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string OwnerId { get; init; }
    public NotificationKind Kind { get; init; }
    public Guid? HelpRequestId { get; init; }

    /// <summary>The notification's words as written when its event happened (JSON of its <see cref="Notifications.Letter"/>).</summary>
    public required string Letter { get; init; }

    public DateTime At { get; init; }

    /// <summary>When the digest that carried it was written; null while it waits for the next one.</summary>
    public DateTime? DigestedAt { get; set; }

    public static string Store(Letter letter) => System.Text.Json.JsonSerializer.Serialize(letter);

    public Letter Read() => System.Text.Json.JsonSerializer.Deserialize<Letter>(Letter)
                            ?? throw new InvalidOperationException($"Digest entry {Id} holds no letter.");
}

/// <summary>A daily digest written for an account's local day: at most one per day.</summary>
public sealed class SentDigest : IOwned
{
    public required string OwnerId { get; init; }
    public DateOnly Day { get; init; }
    public DateTime At { get; init; }
}
