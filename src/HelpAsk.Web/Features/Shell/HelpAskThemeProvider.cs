using MudBlazor;

namespace HelpAsk.Web.Features.Shell;

/// <summary>
/// MudBlazor's theme provider, minus a thrown exception on every server-rendered page. Disposing it always tells the
/// browser to stop watching its dark-mode setting; a page rendered on the server without a circuit (a static page, or
/// the prerendering of an interactive one) has no browser to tell, so the call threw and MudBlazor swallowed it, four
/// first-chance exceptions a page. Such a page never started watching (that happens after an interactive render), so
/// there is nothing to stop.
/// </summary>
public sealed class HelpAskThemeProvider : MudThemeProvider
{
    protected override ValueTask DisposeAsyncCore() =>
        RendererInfo.IsInteractive ? base.DisposeAsyncCore() : ValueTask.CompletedTask;
}
