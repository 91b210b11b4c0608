namespace HelpAsk.Core.Domain;

public enum RequestEventKind
{
    Created,
    StatusChanged,
    Note,
}

/// <summary>One entry on a request's timeline.</summary>
public sealed class RequestEvent
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public Guid HelpRequestId { get; init; }
    public DateTime At { get; init; }
    public RequestEventKind Kind { get; init; }
    public RequestStatus? FromStatus { get; init; }
    public RequestStatus? ToStatus { get; init; }
    public string? Detail { get; init; }
}
