using MailKit.Security;

namespace HelpAsk.Web.Features.Sending;

/// <summary>How HelpAsk sends email: through an SMTP server when one is configured, otherwise into a pickup folder.</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    public string FromAddress { get; set; } = "helpask@localhost";
    public string FromName { get; set; } = "HelpAsk";

    /// <summary>The address helpers use to reach this app (for answer links); empty means the address the user is browsing.</summary>
    public string PublicBaseUrl { get; set; } = "";

    /// <summary>Where emails go as .eml files when no SMTP host is set; relative paths are under the data folder.</summary>
    public string PickupDirectory { get; set; } = "mail";

    public SmtpOptions Smtp { get; set; } = new();
    public DeliveryOptions Delivery { get; set; } = new();

    /// <summary>How long a helper's answer link works.</summary>
    public TimeSpan AnswerLinkLifetime { get; set; } = TimeSpan.FromDays(30);

    public bool UsesSmtp => !string.IsNullOrWhiteSpace(Smtp.Host);
}

public sealed class SmtpOptions
{
    public string Host { get; set; } = "";
    public int Port { get; set; } = 587;

    /// <summary>Auto, None, StartTls, StartTlsWhenAvailable or SslOnConnect (MailKit's names).</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.Auto;

    public string UserName { get; set; } = "";
    public string Password { get; set; } = "";
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}

public sealed class DeliveryOptions
{
    /// <summary>The wait before the first retry; each further retry waits twice as long, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);
    public int MaxAttempts { get; set; } = 12;

    /// <summary>How often the dispatcher looks for due messages when nothing wakes it sooner.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long one attempt owns a message before another dispatcher may take it over.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    public TimeSpan RetryDelayAfter(int attempts)
    {
        var delay = FirstRetryDelay * Math.Pow(2, Math.Clamp(attempts - 1, 0, 20));
        return delay > MaxRetryDelay ? MaxRetryDelay : delay;
    }
}
