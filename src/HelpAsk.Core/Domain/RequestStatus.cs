namespace HelpAsk.Core.Domain;

public enum RequestStatus
{
    Draft,
    Sent,
    Accepted,
    AlternativeOffered,
    Declined,
    NoResponse,
    Helped,
    Thanked,
    Cancelled,
}

/// <summary>How the helper answered, in the end: what the dashboard counts as the request's outcome.</summary>
public enum RequestOutcome
{
    Yes,
    Alternative,
    NotThisTime,
    NoAnswer,
}
