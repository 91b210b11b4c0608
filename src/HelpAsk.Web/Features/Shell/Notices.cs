using MudBlazor;

namespace HelpAsk.Web.Features.Shell;

/// <summary>
/// How the app's notices (MudBlazor snackbars) behave: each goes by itself after a few seconds, at most two show at
/// once, at the top centre, away from the page's main actions (Back, Next, Finish, Send sit below a step or at a
/// header's end), and one offering an action goes as soon as the page it was about is left.
/// </summary>
public static class Notices
{
    /// <summary>Long enough to read a sentence; a notice offering an action stays a little longer, to reach it.</summary>
    public const int VisibleMilliseconds = 5000;

    public const int WithActionVisibleMilliseconds = 8000;

    public static void Configure(SnackbarConfiguration notices)
    {
        ArgumentNullException.ThrowIfNull(notices);
        notices.PositionClass = Defaults.Classes.Position.TopCenter;
        notices.MaxDisplayedSnackbars = 2;
        notices.PreventDuplicates = true;
        notices.NewestOnTop = true;
        notices.RequireInteraction = false;
        notices.ShowCloseIcon = true;
        notices.VisibleStateDuration = VisibleMilliseconds;
        notices.ShowTransitionDuration = 200;
        notices.HideTransitionDuration = 400;
    }

    /// <summary>
    /// A notice with one action (an "Undo", a way to "Settings"). It closes when the user leaves the page, since what
    /// it would undo may have been sent or finished there; <paramref name="act"/> must itself check that it still applies.
    /// </summary>
    public static void Offer(this ISnackbar notices, string message, string action, Func<Task> act)
    {
        ArgumentNullException.ThrowIfNull(notices);
        notices.Add(message, Severity.Normal, notice =>
        {
            notice.Action = action;
            notice.OnClick = _ => act();
            notice.CloseAfterNavigation = true;
            notice.VisibleStateDuration = WithActionVisibleMilliseconds;
        });
    }
}
