using HelpAsk.Testing;
using netDumbster.smtp;
using static HelpAsk.Testing.MailServer;

namespace HelpAsk.Web.Tests.Integration;

/// <summary>The real app with two accounts, Alice and Bob, sending through a real SMTP listener on loopback.</summary>
public abstract class MailedAccountsTest : TwoAccountsTest
{
    protected MailedAccountsTest()
        : this(FreePort())
    {
    }

    private MailedAccountsTest(int port)
        : base(new HelpAskAppFactory().WithSmtp(port)) =>
        Smtp = SimpleSmtpServer.Start(port);

    protected SimpleSmtpServer Smtp { get; }

    protected override void DisposeMore() => Smtp.Dispose();
}
