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
