namespace HelpAsk.Web.Features.Shell;

public static class ShellSetup
{
    /// <summary>The app frame's services: the reader's clock, one per circuit (or per request for static pages).</summary>
    public static IServiceCollection AddShell(this IServiceCollection services)
    {
        services.AddScoped<ReaderClock>();
        return services;
    }
}
