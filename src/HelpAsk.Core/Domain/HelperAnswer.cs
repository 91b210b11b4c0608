namespace HelpAsk.Core.Domain;

/// <summary>How a helper answered a request.</summary>
public enum HelperAnswerKind
{
    /// <summary>"Yes, I can help."</summary>
    Yes,

    /// <summary>"I can't do that, but I could…", with what they could do instead.</summary>
    Alternative,

    /// <summary>"Not this time": no reason asked for, so that saying no stays easy.</summary>
    NotThisTime,
}

/// <summary>A helper's answer to a request, given on the answer page or recorded by the requester.</summary>
public sealed record HelperAnswer(HelperAnswerKind Kind, string? Alternative = null, string? Note = null)
{
    public const int AlternativeMaxLength = 2_000;
    public const int NoteMaxLength = 2_000;

    /// <summary>The answer as it is recorded: words trimmed, blank ones left out, an alternative only with "I could…".</summary>
    public HelperAnswer Normalized => new(
        Kind,
        Kind == HelperAnswerKind.Alternative && !string.IsNullOrWhiteSpace(Alternative) ? Alternative.Trim() : null,
        string.IsNullOrWhiteSpace(Note) ? null : Note.Trim());

    /// <summary>The request status this answer leads to.</summary>
    public RequestStatus Status => Kind switch
    {
        HelperAnswerKind.Yes => RequestStatus.Accepted,
        HelperAnswerKind.Alternative => RequestStatus.AlternativeOffered,
        _ => RequestStatus.Declined,
    };
}
