using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace HelpAsk.Web.Features.Shell;

/// <summary>
/// Dates and numbers are formatted in the reader's culture, from their browser's languages (Accept-Language): every
/// request, and so every Blazor circuit (which keeps the culture of the request that started it), runs in it.
/// The words stay English; only formats follow the culture.
/// </summary>
public static class ReaderCulture
{
    /// <summary>The culture of a browser that names none this server knows, and of an account that has not said yet.</summary>
    public static readonly CultureInfo Fallback = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>Every culture the server's globalization data knows, specific ("de-DE") and neutral ("de").</summary>
    private static readonly CultureInfo[] Known =
        [.. CultureInfo.GetCultures(CultureTypes.SpecificCultures | CultureTypes.NeutralCultures).Where(c => c.Name.Length > 0)];

    public static IServiceCollection AddReaderCulture(this IServiceCollection services) =>
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture(Fallback);
            options.SupportedCultures = Known;
            options.SupportedUICultures = Known;
            // The browser's languages only: no query string or cookie can make a page lie about the reader.
            options.RequestCultureProviders = [new AcceptLanguageHeaderRequestCultureProvider { MaximumAcceptLanguageHeaderValuesToTry = 5 }];
        });

    public static IApplicationBuilder UseReaderCulture(this IApplicationBuilder app) => app.UseRequestLocalization();

    /// <summary>A culture by its name ("de-DE") if this server knows it; null otherwise.</summary>
    public static CultureInfo? Find(string? name)
    {
        // A control character (a NUL) is never part of a name, though the lookup below would stop at it.
        if (string.IsNullOrWhiteSpace(name) || name.Length > 20 || name.Any(char.IsControl))
        {
            return null;
        }

        try
        {
            var culture = CultureInfo.GetCultureInfo(name, predefinedOnly: true);
            return culture.Name.Length > 0 ? culture : null;
        }
        catch (CultureNotFoundException)
        {
            return null;
        }
    }
}
