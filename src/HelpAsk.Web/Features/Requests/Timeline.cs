using HelpAsk.Core.Domain;

namespace HelpAsk.Web.Features.Requests;

/// <summary>Timeline entries in words.</summary>
public static class Timeline
{
    public static string Describe(RequestEvent entry, string? helperName)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var who = string.IsNullOrWhiteSpace(helperName) ? "Your helper" : helperName;
        return entry.Kind switch
        {
            RequestEventKind.Created => "Draft started",
            RequestEventKind.Answered => entry.ToStatus switch
            {
                RequestStatus.Accepted => $"{who} answered: Yes, I can help",
                RequestStatus.AlternativeOffered => $"{who} answered: I can't do that, but I could…",
                _ => $"{who} answered: Not this time",
            },
            RequestEventKind.StatusChanged =>
                $"{StatusChip.Label(entry.FromStatus ?? RequestStatus.Draft)} → {StatusChip.Label(entry.ToStatus ?? RequestStatus.Draft)}{(entry.Detail is null ? "" : $": {entry.Detail}")}",
            _ => entry.Detail ?? "Note",
        };
    }
}
