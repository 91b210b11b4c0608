using MudBlazor;

namespace HelpAsk.Web.Features.Shell;

/// <summary>
/// MudBlazor's theme provider, which <see cref="ThemeStylesheet"/> renders once on the server, minus a thrown exception
/// each time. Disposing it always tells the browser to stop watching its dark-mode setting; a render without a circuit
/// has no browser to tell, so the call threw and MudBlazor swallowed it (four first-chance exceptions a page while the
/// layouts held a provider). Such a render never started watching (that happens after an interactive render), so
/// there is nothing to stop.
/// </summary>
public sealed class HelpAskThemeProvider : MudThemeProvider
{
    protected override ValueTask DisposeAsyncCore() =>
        RendererInfo.IsInteractive ? base.DisposeAsyncCore() : ValueTask.CompletedTask;
}
