using System.Net;
using HelpAsk.Testing;

namespace HelpAsk.Web.Tests.Security;

/// <summary>
/// X-Forwarded-For and X-Forwarded-Proto are believed only from a configured proxy: behind one, each client has its own
/// limits; without one, a client that forges the header cannot slip past them. Real Kestrel, real loopback connections.
/// </summary>
public sealed class ProxyTests : IDisposable
{
    private const string AnswerLink = "/answer/not-a-real-token-0000000000000000000000";
    private readonly HelpAskAppFactory app = new(onKestrel: true);

    public ProxyTests()
    {
        app.Settings["RateLimits:AnswerPage:PermitLimit"] = "2";
        app.Settings["RateLimits:AnswerPage:Window"] = "00:10:00";
    }

    [Fact]
    public async Task Without_a_configured_proxy_a_forged_forwarded_for_does_not_escape_the_answer_page_limit()
    {
        using var client = new HttpClient { BaseAddress = app.ServerAddress };

        var statuses = new List<HttpStatusCode>();
        foreach (var forged in new[] { "203.0.113.1", "203.0.113.2", "203.0.113.3" })
        {
            statuses.Add(await GetAsync(client, AnswerLink, forged));
        }

        Assert.Equal([HttpStatusCode.Gone, HttpStatusCode.Gone, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task Behind_a_configured_proxy_each_client_has_its_own_answer_page_limit()
    {
        app.Settings["Proxy:KnownProxies:0"] = "127.0.0.1";
        using var client = new HttpClient { BaseAddress = app.ServerAddress };

        var first = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            first.Add(await GetAsync(client, AnswerLink, "203.0.113.1"));
        }

        // The client's own entry is the proxy's (rightmost): an address the client wrote further left changes nothing.
        var second = await GetAsync(client, AnswerLink, "198.51.100.7, 203.0.113.2");

        Assert.Equal([HttpStatusCode.Gone, HttpStatusCode.Gone, HttpStatusCode.TooManyRequests], first);
        Assert.Equal(HttpStatusCode.Gone, second);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Https_forwarded_by_a_configured_proxy_brings_hsts_and_from_anyone_else_it_does_not(bool proxyConfigured)
    {
        if (proxyConfigured)
        {
            app.Settings["Proxy:KnownNetworks:0"] = "127.0.0.0/8";
        }

        using var client = new HttpClient { BaseAddress = app.ServerAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/Account/Login");
        request.Headers.Add("X-Forwarded-Proto", "https");

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(proxyConfigured, response.Headers.Contains("Strict-Transport-Security"));
    }

    private static async Task<HttpStatusCode> GetAsync(HttpClient client, string path, string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    public void Dispose() => app.Dispose();
}
