using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace HelpAsk.Web.Features.Sending;

/// <summary>
/// The one place absolute links for emails are made. They start with <c>Email:PublicBaseUrl</c>; without it (allowed only
/// with the pickup folder) with the address the app listens on, or <see cref="DefaultBaseUrl"/>. Never with the request's
/// Host header, which the sender of a request chooses.
/// </summary>
public sealed class PublicLinks(IOptions<EmailOptions> options, IServer server)
{
    public const string DefaultBaseUrl = "http://localhost:5080/";

    public Uri BaseUri => new(WithSlash(options.Value.PublicBaseUrl is { Length: > 0 } configured ? configured : ListeningAddress() ?? DefaultBaseUrl));

    public string To(string relativePath) => To(relativePath, new Dictionary<string, string?>());

    public string To(string relativePath, IDictionary<string, string?> query)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        var link = new Uri(BaseUri, relativePath.TrimStart('/')).ToString();
        return QueryHelpers.AddQueryString(link, query.Where(p => p.Value is not null));
    }

    private string? ListeningAddress()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (address is null || !Uri.TryCreate(address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal), UriKind.Absolute, out var uri))
        {
            return null;
        }

        // A wildcard listener (0.0.0.0, [::]) is reachable on this machine as localhost.
        var host = uri.Host is "0.0.0.0" or "[::]" or "::" ? "localhost" : uri.Host;
        return new UriBuilder(uri) { Host = host }.Uri.ToString();
    }

    private static string WithSlash(string baseUrl) => baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/";

    /// <summary>With SMTP, links leave the machine: they must name the public address, so it has to be configured.</summary>
    internal static bool IsUsable(EmailOptions email) =>
        string.IsNullOrWhiteSpace(email.PublicBaseUrl)
            ? !email.UsesSmtp
            : Uri.TryCreate(email.PublicBaseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";
}
