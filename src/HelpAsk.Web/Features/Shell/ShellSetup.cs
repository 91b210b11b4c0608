using MudBlazor.Services;

namespace HelpAsk.Web.Features.Shell;

public static class ShellSetup
{
    /// <summary>The app frame's services: MudBlazor with the app's notices, the reader's clock, one per circuit (or per request for static pages), culture, and the theme's stylesheet.</summary>
    public static IServiceCollection AddShell(this IServiceCollection services)
    {
        services.AddMudServices(mud => Notices.Configure(mud.SnackbarConfiguration));
        services.AddScoped<ReaderClock>();
        services.AddScoped<ChangeWatches>();
        services.AddReaderCulture();
        services.AddSingleton<ThemeStylesheet>();
        return services;
    }

    /// <summary>The theme's stylesheet; its address carries the content's version, so a browser keeps what it got there.</summary>
    public static WebApplication MapShell(this WebApplication app)
    {
        app.MapGet(ThemeStylesheet.Path, async (ThemeStylesheet theme, HttpContext context) =>
        {
            context.Response.Headers.CacheControl = context.Request.Path + context.Request.QueryString == "/" + await theme.HrefAsync()
                ? "public, max-age=31536000, immutable"
                : "no-cache";
            return Results.Text(await theme.CssAsync(), "text/css; charset=utf-8");
        });
        return app;
    }
}
