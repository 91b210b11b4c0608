namespace HelpAsk.Web.Features.Coaching;

/// <summary>The outcome of saving a coached draft (a request, a thank-you note).</summary>
public abstract record DraftSave<TContent>
    where TContent : class
{
    public sealed record Saved(Guid Version, DateTime At) : DraftSave<TContent>;

    /// <summary>
    /// Saved elsewhere first (another tab), or no longer a draft: nothing was written. <paramref name="Current"/> is
    /// what is stored now, at <paramref name="Version"/> (null when it can no longer be edited).
    /// </summary>
    public sealed record Conflict(Guid Version, TContent? Current) : DraftSave<TContent>;

    /// <summary>The first problem of each property, by property name.</summary>
    public sealed record Invalid(IReadOnlyDictionary<string, string> Errors) : DraftSave<TContent>;

    public sealed record NotFound : DraftSave<TContent>;
}
