using MudBlazor.Services;

namespace HelpAsk.Web.Features.Shell;

public static class ShellSetup
{
    /// <summary>The app frame's services: MudBlazor with the app's notices, the reader's clock, one per circuit (or per request for static pages), and culture.</summary>
    public static IServiceCollection AddShell(this IServiceCollection services)
    {
        services.AddMudServices(mud => Notices.Configure(mud.SnackbarConfiguration));
        services.AddScoped<ReaderClock>();
        services.AddScoped<ChangeWatches>();
        services.AddReaderCulture();
        return services;
    }
}
