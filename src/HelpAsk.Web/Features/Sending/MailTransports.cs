using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace HelpAsk.Web.Features.Sending;

/// <summary>Hands one email over for delivery and says where it went.</summary>
public interface IMailTransport
{
    /// <exception cref="DeliveryException">The message could not be handed over.</exception>
    Task<string> DeliverAsync(MimeMessage message, CancellationToken cancellationToken);

    /// <summary>Removes the copy of a delivered message kept on this machine, if any (a mail server's cannot be called back).</summary>
    void Discard(string messageId)
    {
    }
}

/// <summary>A delivery that did not happen, with a reason a user can act on.</summary>
public sealed class DeliveryException(string reason, bool permanent, Exception? inner = null) : Exception(reason, inner)
{
    /// <summary>Trying again cannot help (the server refused the address), so the message fails at once.</summary>
    public bool Permanent { get; } = permanent;
}

/// <summary>Real SMTP through MailKit.</summary>
public sealed class SmtpMailTransport(IOptions<EmailOptions> options) : IMailTransport
{
    private readonly SmtpOptions smtp = options.Value.Smtp;

    public async Task<string> DeliverAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(smtp.Host, smtp.Port, smtp.Security, cancellationToken);
            if (!string.IsNullOrEmpty(smtp.UserName))
            {
                await client.AuthenticateAsync(smtp.UserName, smtp.Password, cancellationToken);
            }

            await client.SendAsync(message, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
            return $"{smtp.Host}:{smtp.Port}";
        }
        catch (SmtpCommandException refused) when (refused.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.SenderNotAccepted
                                                   && (int)refused.StatusCode >= 500)
        {
            var who = refused.ErrorCode == SmtpErrorCode.RecipientNotAccepted ? $"the address {refused.Mailbox}" : "the sender address";
            throw new DeliveryException($"The mail server refused {who}: {refused.Message}", permanent: true, refused);
        }
        catch (Exception failure) when (failure is SocketException or IOException or ProtocolException or CommandException
                                            or AuthenticationException or SslHandshakeException or TimeoutException)
        {
            throw new DeliveryException(Explain(failure), permanent: false, failure);
        }
    }

    private string Explain(Exception failure) => failure switch
    {
        SocketException socket => $"Couldn't reach the mail server {smtp.Host}:{smtp.Port} ({socket.SocketErrorCode}).",
        AuthenticationException => $"The mail server {smtp.Host} did not accept the user name and password.",
        SslHandshakeException => $"Couldn't set up a secure connection to {smtp.Host}:{smtp.Port}.",
        TimeoutException => $"The mail server {smtp.Host} did not answer in time.",
        _ => $"The mail server {smtp.Host} stopped the delivery: {failure.Message}",
    };
}

/// <summary>
/// The default with no SMTP server: each email becomes an .eml file, named by its message id so a retry
/// replaces rather than repeats it. Any mail program opens these files.
/// </summary>
public sealed class PickupFolderMailTransport(string directory) : IMailTransport
{
    public string Directory { get; } = directory;

    public async Task<string> DeliverAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            var path = PathOf(message.MessageId ?? Guid.NewGuid().ToString("N"));
            var partial = path + ".partial";
            await message.WriteToAsync(partial, cancellationToken);
            File.Move(partial, path, overwrite: true);
            return path;
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
            throw new DeliveryException($"Couldn't write to the pickup folder {Directory}: {failure.Message}", permanent: false, failure);
        }
    }

    public string PathOf(string messageId) => Path.Combine(Directory, messageId.Split('@')[0] + ".eml");

    public void Discard(string messageId) => File.Delete(PathOf(messageId));
}
