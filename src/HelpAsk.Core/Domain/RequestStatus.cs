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
