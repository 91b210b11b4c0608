namespace HelpAsk.Web.Features.Requests.Compose;

public enum SaveState
{
    Saved,
    Pending,
    Saving,
    Conflict,
    Invalid,
}
