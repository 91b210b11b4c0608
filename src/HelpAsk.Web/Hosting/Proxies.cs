using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace HelpAsk.Web.Hosting;

/// <summary>
/// The reverse proxies HelpAsk runs behind (<c>Proxy:KnownProxies</c>, addresses; <c>Proxy:KnownNetworks</c>, CIDR ranges).
/// Only a request that arrives from one of them has its <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> believed, so
/// rate limits key on the real client and HTTPS is recognised; from anyone else these headers are ignored, since a client
/// could otherwise pick its own address and slip past every per-client limit. None configured: none believed (ASP.NET's
/// default would trust loopback).
/// </summary>
public static class Proxies
{
    public const string Section = "Proxy";

    public static WebApplication UseKnownProxies(this WebApplication app)
    {
        var section = app.Configuration.GetSection(Section);
        var proxies = section.GetSection("KnownProxies").Get<string[]>() ?? [];
        var networks = section.GetSection("KnownNetworks").Get<string[]>() ?? [];
        if (proxies.Length == 0 && networks.Length == 0)
        {
            return app;
        }

        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
            // Only the address the nearest known proxy saw: entries further left were written by the client.
            ForwardLimit = 1,
        };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in proxies)
        {
            options.KnownProxies.Add(IPAddress.TryParse(proxy, out var address)
                ? address
                : throw new InvalidOperationException($"{Section}:KnownProxies: \"{proxy}\" is not an IP address."));
        }

        foreach (var network in networks)
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var range)
                ? range
                : throw new InvalidOperationException($"{Section}:KnownNetworks: \"{network}\" is not a CIDR range such as 10.0.0.0/8."));
        }

        app.UseForwardedHeaders(options);
        return app;
    }
}
