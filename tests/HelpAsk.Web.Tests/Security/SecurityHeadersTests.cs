using System.Net;
using HelpAsk.Testing;
using HelpAsk.Web.Tests.Integration;
using Microsoft.AspNetCore.Mvc.Testing;

namespace HelpAsk.Web.Tests.Security;

/// <summary>Every kind of response carries the security headers, whoever produced it.</summary>
public sealed class SecurityHeadersTests : TwoAccountsTest
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task Every_kind_of_page_carries_the_security_headers_and_exports_are_never_cached()
    {
        using var client = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var login = await HtmlForms.SubmitAsync(client, "/Account/Login", "login", new Dictionary<string, string> { ["Input.Email"] = "alice@example.org", ["Input.Password"] = Password });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);

        var kinds = new Dictionary<string, HttpStatusCode>
        {
            ["/"] = HttpStatusCode.OK,                                  // interactive page (prerendered)
            ["/requests"] = HttpStatusCode.OK,                          // interactive page, signed in
            ["/Account/Login"] = HttpStatusCode.OK,                     // Identity static page
            [$"/answer/{new string('a', 43)}"] = HttpStatusCode.Gone,   // the answer page
            ["/export/helpers.csv"] = HttpStatusCode.OK,                // CSV export
            ["/export/helpask.json"] = HttpStatusCode.OK,               // JSON export
            ["/app.css"] = HttpStatusCode.OK,                           // static file
            ["/no-such-page"] = HttpStatusCode.NotFound,                // error page
            ["/healthz"] = HttpStatusCode.OK,                           // health
        };
        foreach (var (path, status) in kinds)
        {
            var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
            Assert.True(status == response.StatusCode, $"{path}: {response.StatusCode}");
            var csp = Header(response, "Content-Security-Policy");
            Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
            Assert.Contains("script-src 'self' 'nonce-", csp, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
            Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
            Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
            Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
            Assert.Contains("camera=()", Header(response, "Permissions-Policy"), StringComparison.Ordinal);
            Assert.False(response.Headers.Contains("Strict-Transport-Security"), $"{path} sent HSTS over plain HTTP");
            if (path.StartsWith("/export/", StringComparison.Ordinal) || path.StartsWith("/answer/", StringComparison.Ordinal))
            {
                Assert.True(response.Headers.CacheControl?.NoStore, $"{path} may be cached");
            }
        }
    }

    [Fact]
    public async Task Over_HTTPS_every_response_also_carries_HSTS()
    {
        using var client = App.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost/") });

        var response = await client.GetAsync("/Account/Login", TestContext.Current.CancellationToken);

        Assert.StartsWith("max-age=31536000", Header(response, "Strict-Transport-Security"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_import_map_Blazor_writes_inline_carries_the_responses_nonce()
    {
        using var client = App.CreateClient();

        var response = await client.GetAsync("/Account/Login", TestContext.Current.CancellationToken);
        var nonce = System.Text.RegularExpressions.Regex.Match(Header(response, "Content-Security-Policy"), "'nonce-([^']+)'").Groups[1].Value;

        Assert.Contains($"type=\"importmap\" nonce=\"{nonce}\"", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new Xunit.Sdk.XunitException($"{response.RequestMessage?.RequestUri}: no {name} header");
}
