using System.Net;
using System.Net.Sockets;
using System.Text;
using MimeKit;
using netDumbster.smtp;

namespace HelpAsk.Testing;

/// <summary>Pointing the app at a real SMTP server on loopback (netDumbster in the tests).</summary>
public static class MailServer
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
        ArgumentNullException.ThrowIfNull(app);
        app.Settings["Email:Smtp:Host"] = "127.0.0.1";
        app.Settings["Email:Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        app.Settings["Email:Smtp:Security"] = "None";
        app.Settings["Email:Smtp:Timeout"] = "00:00:05";
        return app.WithFastRetries();
    }

    /// <summary>
    /// The emails received so far. netDumbster 3.1.1 copies its store (a ConcurrentBag) by count then contents, without
    /// the lock its SMTP sessions add under, so a copy taken while an email arrives can throw; it is taken again.
    /// </summary>
    public static SmtpMessage[] Received(this SimpleSmtpServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return server.ReceivedEmail;
            }
            catch (Exception e) when (e is IndexOutOfRangeException or ArgumentException && attempt < 20)
            {
                Thread.Sleep(5);
            }
        }
    }

    /// <summary>A received email as a mail program reads it (headers decoded, body unwrapped).</summary>
    public static MimeMessage Read(SmtpMessage received)
    {
        ArgumentNullException.ThrowIfNull(received);
        return MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(received.Data)));
    }

    public static HelpAskAppFactory WithFastRetries(this HelpAskAppFactory app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Settings["Email:Delivery:FirstRetryDelay"] = "00:00:00.200";
        app.Settings["Email:Delivery:MaxRetryDelay"] = "00:00:00.500";
        app.Settings["Email:Delivery:PollInterval"] = "00:00:00.200";
        return app;
    }
}
