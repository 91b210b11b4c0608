using System.Net;

namespace HelpAsk.Web.Hosting;

/// <summary>
/// A short page written straight to the response, for refusals decided before any component renders
/// (the app's own pages would need the very request that was refused).
/// </summary>
public static class PlainPages
{
    public static Task WriteAsync(HttpResponse response, int statusCode, string title, string heading, string text, CancellationToken cancellationToken = default)
    {
        response.StatusCode = statusCode;
        response.ContentType = "text/html; charset=utf-8";
        return response.WriteAsync(
            $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{WebUtility.HtmlEncode(title)} · HelpAsk</title></head>"
            + $"<body><h1>{WebUtility.HtmlEncode(heading)}</h1><p>{WebUtility.HtmlEncode(text)}</p></body></html>",
            cancellationToken);
    }
}
