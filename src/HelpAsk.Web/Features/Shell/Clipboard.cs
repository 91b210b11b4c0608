using Microsoft.JSInterop;
using MudBlazor;

namespace HelpAsk.Web.Features.Shell;

/// <summary>Copies a message for the user to paste elsewhere, and says what happened.</summary>
public static class Clipboard
{
    public static async Task CopyAsync(IJSRuntime js, ISnackbar snackbar, string text, string copied, string what)
    {
        ArgumentNullException.ThrowIfNull(js);
        ArgumentNullException.ThrowIfNull(snackbar);
        try
        {
            await js.InvokeVoidAsync("navigator.clipboard.writeText", text);
            snackbar.Add(copied, Severity.Normal);
        }
        catch (JSException)
        {
            // Browsers refuse the clipboard outside secure contexts or without permission.
            snackbar.Add($"Your browser didn't allow copying. Select the {what} and copy it instead.", Severity.Warning);
        }
    }
}
