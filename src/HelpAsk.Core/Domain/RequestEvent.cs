namespace HelpAsk.Core.Domain;

public enum RequestEventKind
{
    Created,
    StatusChanged,
    Note,

    /// <summary>The helper answered on their answer page.</summary>
    Answered,
}

/// <summary>One entry on a request's timeline.</summary>
public sealed class RequestEvent : IOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid HelpRequestId { get; init; }

    /// <summary>The request's account, kept on each entry so one account's timeline is found without reading others'.</summary>
    public string OwnerId { get; init; } = "";

    public DateTime At { get; init; }
    public RequestEventKind Kind { get; init; }
    public RequestStatus? FromStatus { get; init; }
    public RequestStatus? ToStatus { get; init; }

    /// <summary>What changed, in the user's or helper's words: a note, or the alternative a helper offered.</summary>
    public string? Detail { get; init; }

    /// <summary>A helper's optional note with their answer.</summary>
    public string? Note { get; init; }
}
