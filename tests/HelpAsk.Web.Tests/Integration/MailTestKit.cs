using System.Net;
using System.Net.Sockets;
using System.Text;
using HelpAsk.Testing;
using HelpAsk.Web.Data;
using HelpAsk.Web.Features.Sending;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using netDumbster.smtp;

namespace HelpAsk.Web.Tests.Integration;

/// <summary>Real SMTP on loopback for the tests, and ways to wait for the background dispatcher.</summary>
internal static class MailTestKit
{
    /// <summary>A loopback port nothing listens on (yet).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Points the app at an SMTP server on the port, retrying quickly so tests need not wait minutes.</summary>
    public static HelpAskAppFactory WithSmtp(this HelpAskAppFactory app, int port)
    {
        app.Settings["Email:Smtp:Host"] = "127.0.0.1";
        app.Settings["Email:Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        app.Settings["Email:Smtp:Security"] = "None";
        app.Settings["Email:Smtp:Timeout"] = "00:00:05";
        return app.WithFastRetries();
    }

    public static HelpAskAppFactory WithFastRetries(this HelpAskAppFactory app)
    {
        app.Settings["Email:Delivery:FirstRetryDelay"] = "00:00:00.200";
        app.Settings["Email:Delivery:MaxRetryDelay"] = "00:00:00.500";
        app.Settings["Email:Delivery:PollInterval"] = "00:00:00.200";
        return app;
    }

    public static MimeMessage Parse(SmtpMessage received) => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(received.Data)));

    /// <summary>Waits (up to a generous limit, so a slow machine only makes it slower) until the condition holds.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what, int seconds = 30)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"Still waiting for: {what}");
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    public static Task EventuallyAsync(Func<bool> condition, string what, int seconds = 30) =>
        EventuallyAsync(() => Task.FromResult(condition()), what, seconds);

    public static async Task<List<OutboxMessage>> OutboxAsync(this HelpAskAppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpAskDbContext>();
        return await db.OutboxMessages.AsNoTracking().OrderBy(m => m.CreatedAt).ToListAsync();
    }

    /// <summary>The answer link in a delivered email body.</summary>
    public static string AnswerLinkIn(string body)
    {
        var match = System.Text.RegularExpressions.Regex.Match(body, @"https://helpask\.example/answer/([A-Za-z0-9_-]+)");
        Assert.True(match.Success, $"No answer link in:\n{body}");
        return match.Groups[1].Value;
    }
}
