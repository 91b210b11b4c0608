using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace HelpAsk.Web.Features.Sending;

/// <summary>Absolute links for emails: under <c>Email:PublicBaseUrl</c> when set, else under the address the user is browsing.</summary>
public sealed class PublicLinks(IOptions<EmailOptions> options, NavigationManager navigation)
{
    public string To(string relativePath)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        var configured = options.Value.PublicBaseUrl;
        var baseUri = string.IsNullOrWhiteSpace(configured) ? navigation.BaseUri : configured;
        return new Uri(new Uri(baseUri.EndsWith('/') ? baseUri : baseUri + "/"), relativePath.TrimStart('/')).ToString();
    }
}
