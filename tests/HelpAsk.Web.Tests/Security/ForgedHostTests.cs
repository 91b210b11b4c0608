using HelpAsk.Testing;
using HelpAsk.Web.Tests.Integration;
using netDumbster.smtp;
using static HelpAsk.Testing.MailServer;
using static HelpAsk.Web.Tests.Integration.MailTestKit;
using static HelpAsk.Web.Tests.Security.AccountClients;

namespace HelpAsk.Web.Tests.Security;

/// <summary>
/// Links in account emails come from <c>Email:PublicBaseUrl</c> only: a request with a forged Host header (as an attacker
/// sends for a victim's address) must not put the attacker's host into the email the victim receives.
/// </summary>
public sealed class ForgedHostTests : IDisposable
{
    private const string PublicBase = "https://helpask.example/";
    private readonly int port = FreePort();
    private readonly SimpleSmtpServer smtp;
    private readonly HelpAskAppFactory app;

    public ForgedHostTests()
    {
        smtp = SimpleSmtpServer.Start(port);
        app = new HelpAskAppFactory().WithSmtp(port);
    }

    [Fact]
    public async Task A_forged_host_header_never_reaches_a_reset_email()
    {
        await app.CreateConfirmedAccountAsync("victim@example.org");
        using var client = Forged(app.NewClient());

        await HtmlForms.SubmitAsync(client, "/Account/ForgotPassword", "forgot-password", new Dictionary<string, string> { ["Input.Email"] = "victim@example.org" });

        await AssertOnlyPublicLinksAsync(1, "/Account/ResetPassword");
    }

    [Fact]
    public async Task A_forged_host_header_never_reaches_a_resent_confirmation_email()
    {
        await app.CreateAccountAsync("victim@example.org", Password);
        using var client = Forged(app.NewClient());

        await HtmlForms.SubmitAsync(client, "/Account/ResendEmailConfirmation", "resend-email-confirmation", new Dictionary<string, string> { ["Input.Email"] = "victim@example.org" });

        await AssertOnlyPublicLinksAsync(1, "/Account/ConfirmEmail");
    }

    [Fact]
    public async Task A_forged_host_header_never_reaches_a_registration_email()
    {
        await app.CreateConfirmedAccountAsync("taken@example.org");
        using var client = Forged(app.NewClient());

        foreach (var email in new[] { "new@example.org", "taken@example.org" })
        {
            await HtmlForms.SubmitAsync(client, "/Account/Register", "register", new Dictionary<string, string>
            {
                ["Input.DisplayName"] = "New Person", ["Input.Email"] = email, ["Input.Password"] = Password, ["Input.ConfirmPassword"] = Password,
            });
        }

        await AssertOnlyPublicLinksAsync(2, "/Account/ConfirmEmail");
    }

    [Fact]
    public async Task A_forged_host_header_never_reaches_a_change_of_address_email()
    {
        await app.CreateConfirmedAccountAsync("owner@example.org");
        var (client, _) = await app.LoggedInAsync("owner@example.org");
        using var forged = Forged(client);

        await HtmlForms.SubmitAsync(forged, "/Account/Manage/Email", "change-email", new Dictionary<string, string> { ["Input.NewEmail"] = "new-address@example.org" });

        await AssertOnlyPublicLinksAsync(1, "/Account/ConfirmEmailChange");
    }

    [Fact]
    public void With_smtp_and_no_public_address_the_app_refuses_to_start_and_says_why()
    {
        using var unconfigured = new HelpAskAppFactory().WithSmtp(port);
        unconfigured.Settings["Email:PublicBaseUrl"] = "";

        var failure = Assert.ThrowsAny<Exception>(() => unconfigured.Services);

        Assert.Contains("Email:PublicBaseUrl must be set", failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_smtp_or_a_public_address_links_name_the_app_s_own_address_not_the_request_s()
    {
        using var pickup = new HelpAskAppFactory();
        pickup.Settings["Email:PublicBaseUrl"] = "";
        await pickup.CreateAccountAsync("victim@example.org", Password);
        using var client = Forged(pickup.NewClient());

        await HtmlForms.SubmitAsync(client, "/Account/ResendEmailConfirmation", "resend-email-confirmation", new Dictionary<string, string> { ["Input.Email"] = "victim@example.org" });

        await Eventually.HoldsAsync(() => Directory.Exists(pickup.PickupDirectory) && Directory.GetFiles(pickup.PickupDirectory, "*.eml").Length == 1, "the confirmation email in the pickup folder");
        var email = MimeKit.MimeMessage.Load(Directory.GetFiles(pickup.PickupDirectory, "*.eml").Single());
        var link = Assert.Single(LinksIn(email.TextBody));
        Assert.StartsWith("http://localhost", link, StringComparison.Ordinal);
        Assert.Contains("/Account/ConfirmEmail?", link, StringComparison.Ordinal);
        Assert.DoesNotContain("attacker.example", email.TextBody, StringComparison.OrdinalIgnoreCase);
    }

    private static HttpClient Forged(HttpClient client)
    {
        client.DefaultRequestHeaders.Host = "attacker.example";
        return client;
    }

    private async Task AssertOnlyPublicLinksAsync(int emails, string page)
    {
        await Eventually.HoldsAsync(() => smtp.ReceivedEmailCount == emails, $"{emails} email(s)");
        var bodies = smtp.Received().Select(received => Read(received).TextBody).ToList();
        var links = bodies.SelectMany(LinksIn).ToList();
        Assert.NotEmpty(links);
        Assert.All(links, link => Assert.StartsWith(PublicBase, link, StringComparison.Ordinal));
        Assert.Contains(links, link => link.StartsWith(PublicBase + page.TrimStart('/') + "?", StringComparison.Ordinal));
        Assert.All(bodies, body => Assert.DoesNotContain("attacker.example", body, StringComparison.OrdinalIgnoreCase));
    }

    public void Dispose()
    {
        app.Dispose();
        smtp.Dispose();
    }
}
