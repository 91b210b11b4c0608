using System.Text.RegularExpressions;
using HelpAsk.Testing;
using netDumbster.smtp;
using static Microsoft.Playwright.Assertions;

namespace HelpAsk.EndToEnd.Tests;

/// <summary>Sending through a real SMTP server on loopback: one that is down at first, then comes back.</summary>
[Collection(BrowserCollection.Name)]
public sealed class OutboxJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_email_the_mail_server_refused_is_retried_from_the_outbox_and_its_delivery_shows_without_a_reload()
    {
        var port = MailServer.FreePort();
        await using var app = new HelpAskAppFactory(onKestrel: true).WithSmtp(port);
        app.Settings["Email:Delivery:MaxAttempts"] = "2";
        app.StartServer();

        var email = $"outbox-{Guid.NewGuid():N}@example.org";
        var accountId = await app.CreateAccountAsync(email, BrowserFixture.Password, emailConfirmed: true);
        var requestId = await app.CreateReadyRequestAsync(accountId, "Sam Jones", "sam@example.org");
        var page = await browser.NewPageAsync(app: app.ServerAddress);
        await page.LogInAsync(email, BrowserFixture.Password);
        await page.WaitForInteractiveAsync();

        // No mail server listens yet: the email is sent, fails twice, and the request page says so as it happens.
        await page.GotoInteractiveAsync($"requests/{requestId}/send");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Send email" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/requests/{requestId}$"));
        await Expect(page.GetByText("The email to Sam Jones couldn't be delivered")).ToBeVisibleAsync();

        // The server comes back; the outbox offers to try again, and shows the delivery once it is made.
        using var smtp = SimpleSmtpServer.Start(port);
        await page.GotoInteractiveAsync("outbox");
        var row = page.GetByRole(AriaRole.Row).Filter(new LocatorFilterOptions { HasText = "Could you help carry it down on Saturday morning?" });
        await Expect(row.Locator(".delivery-status")).ToHaveAttributeAsync("data-state", "Failed");
        await row.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Retry now" }).ClickAsync();
        await Expect(row.Locator(".delivery-status")).ToHaveAttributeAsync("data-state", "Delivered");
        await Expect(row.Locator(".delivery-status")).ToContainTextAsync("Delivered");
        await Expect(row.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Retry now" })).ToHaveCountAsync(0);

        var received = Assert.Single(smtp.Received());
        Assert.Equal("Could you help carry it down on Saturday morning?", received.Headers["Subject"]);
        Assert.Contains("sam@example.org", received.ToAddresses.Select(a => a.Address));

        await page.GotoInteractiveAsync($"requests/{requestId}");
        await Expect(page.Locator(".delivery-list .delivery-status")).ToHaveAttributeAsync("data-state", "Delivered");
        await Expect(page.GetByText("The email to Sam Jones couldn't be delivered")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }
}
