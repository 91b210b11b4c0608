using System.Security.Cryptography;

namespace HelpAsk.Web.Hosting;

/// <summary>
/// The headers every response carries, whatever produced it (an interactive page, an Identity form, the answer page,
/// an export, a static file, an error page, /healthz): set when the response starts, so nothing can skip them.
/// </summary>
public static class SecurityHeaders
{
    private const string NonceKey = "HelpAsk.ScriptNonce";

    /// <summary>
    /// Scripts only from the app itself, plus the one inline script Blazor writes (the import map), by a per-response
    /// nonce. Styles allow inline because MudBlazor sets style attributes. Blazor Server needs no eval (only WebAssembly
    /// would need 'wasm-unsafe-eval'); its circuit is a websocket to the same origin (connect-src 'self').
    /// </summary>
    private const string Policy =
        "default-src 'self'; script-src 'self' 'nonce-{0}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
        + "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// Features the app never uses. Passkeys (publickey-credentials) and the clipboard are left to their defaults.
    /// </summary>
    private const string Permissions =
        "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), magnetometer=(), gyroscope=(), accelerometer=()";

    /// <summary>
    /// Keeps the response out of every browser and proxy cache (a secret link in the address, personal data). Written
    /// exactly as the antiforgery token writes it on a page with a form, so it does not override it with a warning in
    /// the log on every view.
    /// </summary>
    public static void KeepOutOfCaches(this HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers.CacheControl = "no-cache, no-store";
        response.Headers.Pragma = "no-cache";
    }

    /// <summary>The nonce of this response's Content-Security-Policy, for the inline script Blazor writes (the import map).</summary>
    public static string NonceOf(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items[NonceKey] is not string nonce)
        {
            // Hex, not base64: a "+" or "/" in it would be written into the page as an HTML entity (&#x2B;), so the
            // nonce in the markup would not read the same as the header's wherever it is compared as text.
            nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            context.Items[NonceKey] = nonce;
        }

        return nonce;
    }

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = string.Format(System.Globalization.CultureInfo.InvariantCulture, Policy, NonceOf(context));
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                // No page's address leaves the app in a Referer: the answer page's holds a token, the others say what
                // a user is working on. The app links to nothing it would need to tell where the visitor came from.
                headers["Referrer-Policy"] = "no-referrer";
                headers["Permissions-Policy"] = Permissions;
                if (context.Request.IsHttps)
                {
                    headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
                }

                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }
}
