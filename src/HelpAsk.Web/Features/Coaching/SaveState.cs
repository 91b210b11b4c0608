namespace HelpAsk.Web.Features.Coaching;

public enum SaveState
{
    Saved,
    Pending,
    Saving,
    Conflict,
    Invalid,
}
