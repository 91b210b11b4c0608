using System.Text.RegularExpressions;
using HelpAsk.Testing;
using MimeKit;
using netDumbster.smtp;
using static Microsoft.Playwright.Assertions;

namespace HelpAsk.EndToEnd.Tests;

/// <summary>The account emails, followed from a real inbox: HelpAsk with a real SMTP server on loopback.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class AccountEmailJourneyTests(BrowserFixture browser) : IAsyncLifetime
{
    private SimpleSmtpServer smtp = null!;
    private HelpAskAppFactory app = null!;

    public ValueTask InitializeAsync()
    {
        var port = MailServer.FreePort();
        smtp = SimpleSmtpServer.Start(port);
        app = new HelpAskAppFactory(onKestrel: true).WithSmtp(port);
        app.StartServer();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        smtp.Dispose();
    }

    [Fact]
    public async Task Register_confirm_the_address_from_the_email_then_log_in()
    {
        var email = $"new-{Guid.NewGuid():N}@example.org";
        var page = await NewPageAsync();

        await page.RegisterAsync(email, BrowserFixture.Password);
        await Expect(page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = "Check your email" })).ToBeVisibleAsync();

        // Not yet: an unconfirmed address cannot log in.
        await page.LogInAsync(email, BrowserFixture.Password);
        await Expect(page.GetByText("Please confirm your email address first")).ToBeVisibleAsync();

        var message = await EmailToAsync(email, "Confirm your email address for HelpAsk");
        await page.GotoAsync(LinkIn(message, "/Account/ConfirmEmail"));
        await Expect(page.GetByText("Thank you for confirming your email.")).ToBeVisibleAsync();

        await page.LogInAsync(email, BrowserFixture.Password);
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Log out" })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Forgot_the_password_reset_it_from_the_email_and_only_the_new_one_works()
    {
        var email = $"forgetful-{Guid.NewGuid():N}@example.org";
        await app.CreateAccountAsync(email, BrowserFixture.Password, emailConfirmed: true);
        const string newPassword = "another long passphrase";
        var page = await NewPageAsync();

        await page.GotoAsync("Account/Login");
        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Forgot your password?" }).ClickAsync();
        // The login page has an Email field too: fill the new page's, not the old one's.
        await Expect(page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = "Forgot your password?" })).ToBeVisibleAsync();
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Reset password" }).ClickAsync();
        await Expect(page.GetByText("Please check your email to reset your password.")).ToBeVisibleAsync();

        var message = await EmailToAsync(email, "Reset your HelpAsk password");
        await page.GotoAsync(LinkIn(message, "/Account/ResetPassword"));
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password", new PageGetByLabelOptions { Exact = true }).FillAsync(newPassword);
        await page.GetByLabel("Confirm password").FillAsync(newPassword);
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Reset", Exact = true }).ClickAsync();
        await Expect(page.GetByText("Your password has been reset.")).ToBeVisibleAsync();

        await page.LogInAsync(email, BrowserFixture.Password);
        await Expect(page.GetByText("That email and password do not match an account.")).ToBeVisibleAsync();
        await page.LogInAsync(email, newPassword);
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Log out" })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    private Task<IPage> NewPageAsync() => browser.NewPageAsync(app: app.ServerAddress);

    /// <summary>Waits for the dispatcher to deliver the email, then reads it as the recipient's mail program would.</summary>
    private async Task<MimeMessage> EmailToAsync(string address, string subject) =>
        (await Eventually.ReadAsync<MimeMessage?>(
            () => Task.FromResult(smtp.Received()
                .Select(MailServer.Read)
                .FirstOrDefault(m => m.Subject == subject && m.To.Mailboxes.Any(b => b.Address == address))),
            found => found is not null,
            $"an email \"{subject}\" for {address}"))!;

    private static string LinkIn(MimeMessage message, string path)
    {
        var link = Regex.Match(message.TextBody ?? "", $@"https?://\S+{Regex.Escape(path)}\S*");
        Assert.True(link.Success, $"No {path} link in:\n{message.TextBody}");
        return link.Value;
    }
}
