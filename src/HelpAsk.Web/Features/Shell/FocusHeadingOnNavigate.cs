using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace HelpAsk.Web.Features.Shell;

/// <summary>
/// Blazor's <c>FocusOnNavigate</c>, except that it never takes the focus from a field the reader is already typing
/// in: its focus call reaches the browser a round trip after the page is shown, and on a slow network the first
/// keys of a new page went in and the rest were lost to the heading.
/// </summary>
public sealed class FocusHeadingOnNavigate : ComponentBase, IAsyncDisposable
{
    private Type? lastPage;
    private bool focusAfterRender;
    private IJSObjectReference? shell;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Parameter, EditorRequired]
    public Microsoft.AspNetCore.Components.RouteData RouteData { get; set; } = default!;

    [Parameter]
    public string Selector { get; set; } = "h1";

    protected override void OnParametersSet()
    {
        if (RouteData.PageType != lastPage)
        {
            lastPage = RouteData.PageType;
            focusAfterRender = true;
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!focusAfterRender || !RendererInfo.IsInteractive)
        {
            return;
        }

        focusAfterRender = false;
        try
        {
            shell ??= await JS.InvokeAsync<IJSObjectReference>("import", "./js/shell.js");
            await shell.InvokeVoidAsync("focusHeading", Selector);
        }
        catch (JSException)
        {
            // Focus is a courtesy: a page whose script did not load keeps the focus where it is.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (shell is not null)
        {
            try
            {
                await shell.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The circuit is gone, and the module with it.
            }
        }
    }
}
