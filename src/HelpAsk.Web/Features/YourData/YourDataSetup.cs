using HelpAsk.Web.Hosting;
using System.Security.Claims;

namespace HelpAsk.Web.Features.YourData;

public static class YourDataSetup
{
    public static IServiceCollection AddYourData(this IServiceCollection services) => services.AddScoped<DataExport>();

    /// <summary>Downloads of the signed-in account's own data; the account comes from the sign-in cookie, never from the address.</summary>
    public static WebApplication MapYourData(this WebApplication app)
    {
        // Personal data: no browser or proxy cache may keep a copy.
        var export = app.MapGroup("/export").RequireAuthorization()
            .AddEndpointFilter((context, next) =>
            {
                context.HttpContext.Response.KeepOutOfCaches();
                return next(context);
            });
        export.MapGet("/helpask.json", async (ClaimsPrincipal user, DataExport data, HttpContext http, CancellationToken cancellationToken) =>
        {
            http.Response.ContentType = "application/json; charset=utf-8";
            http.Response.Headers.ContentDisposition = "attachment; filename=\"helpask.json\"";
            await data.WriteJsonAsync(OwnerOf(user), http.Response.Body, cancellationToken);
        });
        export.MapGet("/helpers.csv", async (ClaimsPrincipal user, DataExport data, CancellationToken cancellationToken) =>
            CsvFile(await data.HelpersCsvAsync(OwnerOf(user), cancellationToken), "helpers.csv"));
        export.MapGet("/requests.csv", async (ClaimsPrincipal user, DataExport data, CancellationToken cancellationToken) =>
            CsvFile(await data.RequestsCsvAsync(OwnerOf(user), cancellationToken), "requests.csv"));
        return app;
    }

    private static string OwnerOf(ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new UnauthorizedAccessException("Sign in to export your data.");

    private static IResult CsvFile(string csv, string name) =>
        Results.File(System.Text.Encoding.UTF8.GetPreamble().Concat(System.Text.Encoding.UTF8.GetBytes(csv)).ToArray(), "text/csv; charset=utf-8", name);
}
