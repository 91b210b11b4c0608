namespace HelpAsk.Core.Domain;

/// <summary>Which status changes make sense: Draft → Sent → an answer → Helped → Thanked, and Cancelled.</summary>
public static class RequestStatusFlow
{
    private static readonly Dictionary<RequestStatus, RequestStatus[]> Next = new()
    {
        [RequestStatus.Draft] = [RequestStatus.Sent, RequestStatus.Cancelled],
        [RequestStatus.Sent] = [RequestStatus.Accepted, RequestStatus.AlternativeOffered, RequestStatus.Declined, RequestStatus.NoResponse, RequestStatus.Helped, RequestStatus.Cancelled],
        [RequestStatus.Accepted] = [RequestStatus.Helped, RequestStatus.AlternativeOffered, RequestStatus.Declined, RequestStatus.Cancelled],
        [RequestStatus.AlternativeOffered] = [RequestStatus.Accepted, RequestStatus.Helped, RequestStatus.Declined, RequestStatus.Cancelled],
        [RequestStatus.Declined] = [RequestStatus.Accepted, RequestStatus.AlternativeOffered, RequestStatus.Helped, RequestStatus.Cancelled],
        [RequestStatus.NoResponse] = [RequestStatus.Accepted, RequestStatus.AlternativeOffered, RequestStatus.Declined, RequestStatus.Helped, RequestStatus.Cancelled],
        [RequestStatus.Helped] = [RequestStatus.Thanked],
        [RequestStatus.Thanked] = [],
        [RequestStatus.Cancelled] = [RequestStatus.Draft],
    };

    public static bool CanMove(RequestStatus from, RequestStatus to) => Next[from].Contains(to);

    /// <summary>After this many days without an answer, the requester (never the helper) gets a gentle suggestion.</summary>
    public static readonly TimeSpan QuietPeriod = TimeSpan.FromDays(4);

    /// <summary>After "not this time" or no answer, the same request can be asked of someone else, as a new draft.</summary>
    public static bool CanAskSomeoneElse(RequestStatus status) => status is RequestStatus.Declined or RequestStatus.NoResponse;

    /// <summary>Requests that were sent and still wait for the helper's answer.</summary>
    public static bool IsAwaitingAnswer(RequestStatus status) => status is RequestStatus.Sent;

    /// <summary>Whether a request has waited long enough for an answer that a friendly follow-up makes sense.</summary>
    public static bool HasGoneQuiet(RequestStatus status, DateTime? sentAt, DateTime now) =>
        IsAwaitingAnswer(status) && sentAt is { } sent && now - sent >= QuietPeriod;

    /// <summary>The changes a user can record by hand: sending goes through Send, so it is not one of them.</summary>
    public static IReadOnlyList<RequestStatus> ManualChangesAfter(RequestStatus status) =>
        [.. Next[status].Where(s => s is not RequestStatus.Sent and not RequestStatus.Draft)];
}
