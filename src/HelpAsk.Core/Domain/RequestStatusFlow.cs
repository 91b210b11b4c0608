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
        [RequestStatus.Declined] = [RequestStatus.Accepted, RequestStatus.AlternativeOffered, RequestStatus.Helped],
        [RequestStatus.NoResponse] = [RequestStatus.Accepted, RequestStatus.AlternativeOffered, RequestStatus.Declined, RequestStatus.Helped, RequestStatus.Cancelled],
        [RequestStatus.Helped] = [RequestStatus.Thanked],
        [RequestStatus.Thanked] = [],
        [RequestStatus.Cancelled] = [RequestStatus.Draft],
    };

    public static IReadOnlyList<RequestStatus> AllowedAfter(RequestStatus status) => Next[status];

    public static bool CanMove(RequestStatus from, RequestStatus to) => Next[from].Contains(to);

    /// <summary>Requests that were sent and still wait for the helper's answer.</summary>
    public static bool IsAwaitingAnswer(RequestStatus status) => status is RequestStatus.Sent;
}
