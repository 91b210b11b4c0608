using Microsoft.JSInterop;

namespace HelpAsk.Web.Features.Coaching;

/// <summary>The text a tab keeps in sessionStorage until the server has stored it (CoachedTextArea.razor.js).</summary>
public static class BrowserDraft
{
    private static readonly TimeSpan AnswerWithin = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Tells the browser to forget what it kept for these field versions: the database has them. Not awaited by the
    /// save: a call made while the connection is down is never answered (Blazor does not send it again), and a save
    /// waiting for it held back every later save until the interop timeout, a minute. A lost acknowledgement only
    /// leaves a copy in the tab, which the next one or a reload's reconcile settles.
    /// </summary>
    public static void Acknowledge(IJSObjectReference? module, string draftKey, Dictionary<string, int> versions)
    {
        if (module is not null)
        {
            _ = AcknowledgeAsync(module, draftKey, versions);
        }
    }

    private static async Task AcknowledgeAsync(IJSObjectReference module, string draftKey, Dictionary<string, int> versions)
    {
        try
        {
            await module.InvokeVoidAsync("acknowledge", AnswerWithin, draftKey, versions);
        }
        catch (Exception error) when (error is JSDisconnectedException or JSException or OperationCanceledException or ObjectDisposedException)
        {
            // The tab is gone or did not answer: it keeps its copy, which is only ever newer or the same.
        }
    }
}
