using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using HelpAsk.Web.Data;

namespace HelpAsk.Web.Features.Account;

internal sealed class IdentityRedirectManager(NavigationManager navigationManager)
{
    public const string StatusCookieName = "Identity.StatusMessage";

    private static readonly CookieBuilder StatusCookieBuilder = new()
    {
        SameSite = SameSiteMode.Strict,
        HttpOnly = true,
        IsEssential = true,
        MaxAge = TimeSpan.FromSeconds(5),
    };

    public void RedirectTo(string? uri) => navigationManager.NavigateTo(LocalOrHome(uri));

    /// <summary>
    /// The address itself when it stays on this app (a path, or an absolute address under the app's base), else the home
    /// page: a return address from a query string must never lead elsewhere (<c>//evil.example</c>, <c>/\evil.example</c>,
    /// <c>javascript:</c>).
    /// </summary>
    internal string LocalOrHome(string? uri)
    {
        if (string.IsNullOrEmpty(uri))
        {
            return "";
        }

        if (Uri.TryCreate(uri, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
        {
            return navigationManager.BaseUri is var baseUri && uri.StartsWith(baseUri, StringComparison.OrdinalIgnoreCase)
                ? navigationManager.ToBaseRelativePath(uri)
                : "";
        }

        return IsLocal(uri) ? uri : "";
    }

    /// <summary>A path on this app (<c>/requests</c>, <c>Account/Login?x=1</c>), not a way to another host or a script.</summary>
    internal static bool IsLocal(string uri)
    {
        if (uri.Length == 0 || uri.Any(char.IsControl) || !Uri.IsWellFormedUriString(uri, UriKind.Relative))
        {
            return false;
        }

        // A colon in the path (javascript:, /https://…) is refused too: no page of this app has one.
        return !uri.Split('?', '#')[0].Contains(':', StringComparison.Ordinal)
            && (uri[0] == '/' ? uri.Length == 1 || (uri[1] != '/' && uri[1] != '\\') : uri[0] != '\\');
    }

    public void RedirectTo(string uri, Dictionary<string, object?> queryParameters)
    {
        var uriWithoutQuery = navigationManager.ToAbsoluteUri(uri).GetLeftPart(UriPartial.Path);
        var newUri = navigationManager.GetUriWithQueryParameters(uriWithoutQuery, queryParameters);
        RedirectTo(newUri);
    }

    public void RedirectToWithStatus(string uri, string message, HttpContext context)
    {
        context.Response.Cookies.Append(StatusCookieName, message, StatusCookieBuilder.Build(context));
        RedirectTo(uri);
    }

    private string CurrentPath => navigationManager.ToAbsoluteUri(navigationManager.Uri).GetLeftPart(UriPartial.Path);

    public void RedirectToCurrentPage() => RedirectTo(CurrentPath);

    public void RedirectToCurrentPageWithStatus(string message, HttpContext context)
        => RedirectToWithStatus(CurrentPath, message, context);

    public void RedirectToInvalidUser(UserManager<ApplicationUser> userManager, HttpContext context)
        => RedirectToWithStatus("Account/InvalidUser", $"Error: Unable to load user with ID '{userManager.GetUserId(context.User)}'.", context);
}
