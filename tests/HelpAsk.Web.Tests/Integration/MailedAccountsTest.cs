using HelpAsk.Testing;
using netDumbster.smtp;
using static HelpAsk.Testing.MailServer;

namespace HelpAsk.Web.Tests.Integration;

/// <summary>The real app with two accounts, Alice and Bob, sending through a real SMTP listener on loopback.</summary>
public abstract class MailedAccountsTest : IAsyncLifetime
{
    protected MailedAccountsTest()
    {
        var port = FreePort();
        Smtp = SimpleSmtpServer.Start(port);
        App = new HelpAskAppFactory().WithSmtp(port);
    }

    protected SimpleSmtpServer Smtp { get; }

    protected HelpAskAppFactory App { get; }

    protected string Alice { get; private set; } = "";

    protected string Bob { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        Alice = await App.CreateAccountAsync("alice@example.org");
        Bob = await App.CreateAccountAsync("bob@example.org");
    }

    public ValueTask DisposeAsync()
    {
        App.Dispose();
        Smtp.Dispose();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
