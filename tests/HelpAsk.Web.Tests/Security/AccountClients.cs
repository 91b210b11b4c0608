using System.Net;
using System.Text.RegularExpressions;
using HelpAsk.Testing;
using HelpAsk.Web.Data;
using HelpAsk.Web.Tests.Integration;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HelpAsk.Web.Tests.Security;

/// <summary>Browsers without JavaScript for the account pages: logging in, posting forms, and a sign-in cookie copied elsewhere.</summary>
internal static partial class AccountClients
{
    public const string Password = "a long enough passphrase";
    public const string AuthCookie = ".AspNetCore.Identity.Application";

    public static HttpClient NewClient(this HelpAskAppFactory app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public static Task<HttpResponseMessage> SubmitLogInAsync(HttpClient client, string email, string password, string path = "/Account/Login") =>
        HtmlForms.SubmitAsync(client, path, "login", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });

    /// <summary>Logs in and returns the client with the sign-in cookie it was given, as an attacker would copy it.</summary>
    public static async Task<(HttpClient Client, string Cookie)> LoggedInAsync(this HelpAskAppFactory app, string email, string password = Password)
    {
        var client = app.NewClient();
        var login = await SubmitLogInAsync(client, email, password);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(AuthCookie + "=", StringComparison.Ordinal));
        return (client, cookie.Split(';')[0]);
    }

    /// <summary>Another machine that only has the copied cookie.</summary>
    public static HttpClient WithCopiedCookie(this HelpAskAppFactory app, string cookie)
    {
        var copy = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        copy.DefaultRequestHeaders.Add("Cookie", cookie);
        return copy;
    }

    public static Task<string> CreateConfirmedAccountAsync(this HelpAskAppFactory app, string email) =>
        app.CreateAccountAsync(email, Password, emailConfirmed: true);

    public static async Task<List<ApplicationUser>> AccountsAsync(this HelpAskAppFactory app, string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpAskDbContext>();
        return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(db.Users.Where(u => u.Email == email));
    }

    /// <summary>Signed out: an account page answers with the way to the log-in page.</summary>
    public static void AssertSentToLogIn(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/Login", response.Headers.Location?.AbsolutePath);
    }

    /// <summary>The antiforgery token of a rendered page (every signed-in page has one, in the log-out form).</summary>
    public static string AntiforgeryToken(string page) =>
        WebUtility.HtmlDecode(Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value);

    /// <summary>Every absolute link in an email body.</summary>
    public static IReadOnlyList<string> LinksIn(string? body) => Link().Matches(body ?? "").Select(m => m.Value).ToList();

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Link();
}
