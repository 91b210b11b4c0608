namespace HelpAsk.Web.Features.Coaching;

public enum SaveState
{
    /// <summary>Opened, and nothing changed yet.</summary>
    Unchanged,
    Saved,
    Pending,
    Saving,
    Failed,
    Conflict,
    Invalid,
}
