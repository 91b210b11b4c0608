using System.Net;
using System.Net.Sockets;
using System.Text;
using HelpAsk.Core.Domain;
using HelpAsk.Testing;
using HelpAsk.Web.Features.Helpers;
using HelpAsk.Web.Features.Requests;
using HelpAsk.Web.Features.Sending;
using HelpAsk.Web.Tests.Integration;
using Microsoft.Extensions.DependencyInjection;
using static HelpAsk.Web.Tests.Integration.MailTestKit;
using static HelpAsk.Web.Tests.Security.AccountClients;

namespace HelpAsk.Web.Tests.Security;

/// <summary>An address mail can never reach is refused where it is typed, and a server's refusal is not retried.</summary>
public sealed class UndeliverableAddressTests : IDisposable
{
    public static TheoryData<string> Undeliverable => [".lead@example.org", "dou..ble@example.org", "trail.@example.org", "a@x.org>,<b@x.org", "<a@example.org>", "Sam <sam@example.org>", "a@b@example.org", "sam@example..org", "sam@localhost"];

    private readonly HelpAskAppFactory app = new();

    [Theory]
    [MemberData(nameof(Undeliverable))]
    public async Task Registering_with_an_undeliverable_address_is_refused_with_a_clear_message(string address)
    {
        using var client = app.NewClient();

        var response = await HtmlForms.SubmitAsync(client, "/Account/Register", "register", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "New Person", ["Input.Email"] = address, ["Input.Password"] = Password, ["Input.ConfirmPassword"] = Password,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("be sent to that email address", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Empty(await app.AccountsAsync(address));
    }

    [Theory]
    [MemberData(nameof(Undeliverable))]
    public async Task Changing_to_an_undeliverable_address_is_refused_with_a_clear_message(string address)
    {
        await app.CreateAccountAsync("alice@example.org", Password);
        var (client, _) = await app.LoggedInAsync("alice@example.org");

        var response = await HtmlForms.SubmitAsync(client, "/Account/Manage/Email", "change-email", new Dictionary<string, string> { ["Input.NewEmail"] = address });

        Assert.Contains("be sent to that email address", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Empty(await app.OutboxAsync());
        client.Dispose();
    }

    [Theory]
    [MemberData(nameof(Undeliverable))]
    public async Task A_helper_with_an_undeliverable_address_is_refused_with_a_clear_message(string address)
    {
        var alice = await app.CreateAccountAsync("alice@example.org", Password);
        await using var scope = app.Services.CreateAsyncScope();
        var helpers = app.ServiceFor<HelperDirectory>(alice, scope);

        var refused = Assert.IsType<HelperChange.Invalid>(await helpers.AddAsync("Sam", address));

        Assert.Contains("be sent to that email address", refused.Outcome.ErrorFor(nameof(Helper.Email)), StringComparison.Ordinal);
        Assert.Single(refused.Outcome.Problems);
    }

    [Fact]
    public async Task An_address_the_mail_server_refuses_fails_at_once_without_retries()
    {
        using var server = new RefusingSmtpServer();
        using var refusing = new HelpAskAppFactory().WithSmtp(server.Port);
        var alice = await refusing.CreateAccountAsync("alice@example.org", Password, emailConfirmed: true);
        var requestId = await refusing.CreateReadyRequestAsync(alice, "Sam Jones", "sam@example.org");
        await using (var scope = refusing.Services.CreateAsyncScope())
        {
            await refusing.ServiceFor<RequestTracking>(alice, scope).SendByEmailAsync(requestId, "Moving the piano");
        }

        await Eventually.HoldsAsync(async () => (await refusing.OutboxAsync()).Single().State == DeliveryState.Failed, "the email to be marked failed");
        await Task.Delay(1_000, TestContext.Current.CancellationToken);
        var message = (await refusing.OutboxAsync()).Single();
        Assert.Equal(1, message.Attempts);
        Assert.Equal(DeliveryState.Failed, message.State);
        Assert.Contains("refused the address", message.LastError, StringComparison.Ordinal);
        Assert.Equal(1, server.RecipientsRefused);
    }

    public void Dispose() => app.Dispose();

    /// <summary>A mail server on loopback that accepts the sender and refuses every recipient with 550, as for an unknown mailbox.</summary>
    private sealed class RefusingSmtpServer : IDisposable
    {
        private readonly TcpListener listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource stop = new();
        private int refused;

        public RefusingSmtpServer()
        {
            listener.Start();
            _ = ServeAsync();
        }

        public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

        public int RecipientsRefused => Volatile.Read(ref refused);

        private async Task ServeAsync()
        {
            while (!stop.IsCancellationRequested)
            {
                TcpClient connection;
                try
                {
                    connection = await listener.AcceptTcpClientAsync(stop.Token);
                }
                catch (Exception failure) when (failure is OperationCanceledException or ObjectDisposedException or SocketException)
                {
                    return;
                }

                using (connection)
                {
                    await ConverseAsync(connection.GetStream());
                }
            }
        }

        private async Task ConverseAsync(NetworkStream stream)
        {
            using var reader = new StreamReader(stream, Encoding.ASCII);
            await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
            await writer.WriteLineAsync("220 refusing.example ESMTP");
            for (var lines = 0; lines < 20 && await reader.ReadLineAsync(stop.Token) is { } line; lines++)
            {
                var verb = line.Split(' ', ':')[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO" or "HELO":
                        await writer.WriteLineAsync("250 refusing.example");
                        break;
                    case "RCPT":
                        Interlocked.Increment(ref refused);
                        await writer.WriteLineAsync("550 5.1.1 No such mailbox here");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 Bye");
                        return;
                    default:
                        await writer.WriteLineAsync("250 OK");
                        break;
                }
            }
        }

        public void Dispose()
        {
            stop.Cancel();
            listener.Stop();
            stop.Dispose();
        }
    }
}
