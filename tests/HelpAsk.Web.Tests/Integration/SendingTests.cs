using HelpAsk.Core.Domain;
using HelpAsk.Testing;
using HelpAsk.Web.Features.Answers;
using HelpAsk.Web.Features.Requests;
using HelpAsk.Web.Features.Sending;
using Microsoft.Extensions.DependencyInjection;
using netDumbster.smtp;
using static HelpAsk.Testing.MailServer;
using static HelpAsk.Web.Tests.Integration.MailTestKit;

namespace HelpAsk.Web.Tests.Integration;

/// <summary>Sending through a real SMTP listener on loopback, with the real outbox and dispatcher.</summary>
public sealed class SendingTests : IDisposable
{
    private readonly int port = FreePort();
    private readonly List<HelpAskAppFactory> apps = [];
    private SimpleSmtpServer? smtp;
    private string? sharedDirectory;

    [Fact]
    public async Task A_sent_request_arrives_with_recipient_subject_body_and_a_working_answer_link()
    {
        smtp = SimpleSmtpServer.Start(port);
        var app = NewApp();
        var alice = await app.CreateAccountAsync("alice@example.org");
        var requestId = await app.CreateReadyRequestAsync(alice, "Sam Jones", "sam@example.org");

        var result = await SendAsync(app, alice, requestId, "Moving the piano on Saturday");

        Assert.Equal(new RequestChange.Done(RequestStatus.Sent), result);
        await Eventually.HoldsAsync(() => smtp.ReceivedEmailCount == 1, "the email to arrive");
        var email = Read(smtp.Received()[0]);
        Assert.Equal("sam@example.org", Assert.Single(email.To.Mailboxes).Address);
        Assert.Equal("Sam Jones", email.To.Mailboxes.Single().Name);
        Assert.Equal("alice@example.org", Assert.Single(email.ReplyTo.Mailboxes).Address);
        Assert.Equal("Moving the piano on Saturday", email.Subject);
        Assert.Contains("Could you help carry it down on Saturday morning?", email.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(OutboxMessage.LinkPlaceholder, email.TextBody, StringComparison.Ordinal);

        var token = AnswerLinkIn(email.TextBody!);
        await using var scope = app.Services.CreateAsyncScope();
        var invitation = await scope.ServiceProvider.GetRequiredService<HelperAnswers>().FindAsync(token);
        Assert.NotNull(invitation);
        Assert.Equal("alice@example.org", invitation.RequesterName);

        // The listener has the email a moment before the dispatcher records it as delivered.
        await Eventually.HoldsAsync(async () => (await app.OutboxAsync()).Single().State == DeliveryState.Delivered, "the email recorded as delivered");
        var stored = Assert.Single(await app.OutboxAsync());
        Assert.Null(stored.ProtectedLink);
        Assert.DoesNotContain(token, stored.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_the_mail_server_down_the_email_waits_is_retried_and_arrives_exactly_once_when_it_is_back()
    {
        var app = NewApp();
        var alice = await app.CreateAccountAsync("alice@example.org");
        var requestId = await app.CreateReadyRequestAsync(alice);

        await SendAsync(app, alice, requestId);
        await Eventually.HoldsAsync(async () => (await app.OutboxAsync()).Single().Attempts >= 2, "two failed attempts");
        var waiting = (await app.OutboxAsync()).Single();
        Assert.Equal(DeliveryState.Waiting, waiting.State);
        Assert.Contains("Couldn't reach the mail server 127.0.0.1", waiting.LastError, StringComparison.Ordinal);

        smtp = SimpleSmtpServer.Start(port);
        await Eventually.HoldsAsync(async () => (await app.OutboxAsync()).Single().State == DeliveryState.Delivered, "delivery");
        await app.WaitForDispatcherRoundsAsync();

        Assert.Equal(1, smtp.ReceivedEmailCount);
    }

    [Fact]
    public async Task A_restart_while_the_mail_server_is_down_loses_nothing_and_sends_once()
    {
        sharedDirectory = Directory.CreateTempSubdirectory("helpask-restart-").FullName;
        var first = NewApp(sharedDirectory);
        var alice = await first.CreateAccountAsync("alice@example.org");
        var requestId = await first.CreateReadyRequestAsync(alice);
        await SendAsync(first, alice, requestId);
        await Eventually.HoldsAsync(async () => (await first.OutboxAsync()).Single().Attempts >= 1, "a failed attempt");
        await first.DisposeAsync();

        smtp = SimpleSmtpServer.Start(port);
        var second = NewApp(sharedDirectory);
        await Eventually.HoldsAsync(async () => (await second.OutboxAsync()).Single().State == DeliveryState.Delivered, "delivery after the restart");
        await second.WaitForDispatcherRoundsAsync();

        Assert.Equal(1, smtp.ReceivedEmailCount);
        await using var scope = second.Services.CreateAsyncScope();
        var request = await second.ServiceFor<RequestStore>(alice, scope).FindAsync(requestId);
        Assert.Equal(RequestStatus.Sent, request!.Status);
    }

    [Fact]
    public async Task An_answer_recorded_while_mail_is_down_is_emailed_to_the_asker_exactly_once_by_the_app_started_after_a_stop()
    {
        sharedDirectory = Directory.CreateTempSubdirectory("helpask-restart-").FullName;
        smtp = SimpleSmtpServer.Start(port);
        var first = NewApp(sharedDirectory);
        var alice = await first.CreateAccountAsync("alice@example.org");
        var requestId = await first.CreateReadyRequestAsync(alice);
        await SendAsync(first, alice, requestId);
        await Eventually.HoldsAsync(() => smtp.ReceivedEmailCount == 1, "the request email");
        var token = AnswerLinkIn(Read(smtp.Received()[0]).TextBody!);
        smtp.Dispose();

        // The answer and its notification are committed together; the mail server is down, so delivery waits.
        await using (var scope = first.Services.CreateAsyncScope())
        {
            Assert.IsType<AnswerOutcome.Recorded>(await scope.ServiceProvider.GetRequiredService<HelperAnswers>()
                .AnswerAsync(token, new HelperAnswer(HelperAnswerKind.Yes, null, "Happy to!")));
        }

        await Eventually.HoldsAsync(async () => (await first.OutboxAsync()).Single(m => m.Purpose == OutboxPurpose.Notification).Attempts >= 1, "a failed attempt");
        await first.DisposeAsync();

        smtp = SimpleSmtpServer.Start(port);
        var second = NewApp(sharedDirectory);
        await Eventually.HoldsAsync(async () => (await second.OutboxAsync()).Single(m => m.Purpose == OutboxPurpose.Notification).State == DeliveryState.Delivered,
            "the notification delivered after the restart");
        await second.WaitForDispatcherRoundsAsync();

        var notification = Read(Assert.Single(smtp.Received()));
        Assert.Equal("alice@example.org", Assert.Single(notification.To.Mailboxes).Address);
        Assert.StartsWith("Sam Jones said yes: ", notification.Subject, StringComparison.Ordinal);
        Assert.Contains($"https://helpask.example/requests/{requestId}", notification.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_email_can_be_retried_by_its_owner_only()
    {
        var app = NewApp();
        app.Settings["Email:Delivery:MaxAttempts"] = "1";
        var alice = await app.CreateAccountAsync("alice@example.org");
        var bob = await app.CreateAccountAsync("bob@example.org");
        await SendAsync(app, alice, await app.CreateReadyRequestAsync(alice));
        await Eventually.HoldsAsync(async () => (await app.OutboxAsync()).Single().State == DeliveryState.Failed, "giving up");
        var failed = (await app.OutboxAsync()).Single();

        await using var scope = app.Services.CreateAsyncScope();
        Assert.False(await app.ServiceFor<OutboxStore>(bob, scope).RetryAsync(failed.Id));
        Assert.Empty(await app.ServiceFor<OutboxStore>(bob, scope).ListAsync());
        Assert.Null(await app.ServiceFor<OutboxStore>(bob, scope).ReadAsync(failed.Id));

        smtp = SimpleSmtpServer.Start(port);
        Assert.True(await app.ServiceFor<OutboxStore>(alice, scope).RetryAsync(failed.Id));
        await Eventually.HoldsAsync(async () => (await app.OutboxAsync()).Single().State == DeliveryState.Delivered, "delivery after retry");
        Assert.Equal(1, smtp.ReceivedEmailCount);
    }

    [Fact]
    public async Task Without_a_mail_server_emails_go_to_the_pickup_folder_with_their_answer_link()
    {
        var app = new HelpAskAppFactory().WithFastRetries();
        apps.Add(app);
        var alice = await app.CreateAccountAsync("alice@example.org");
        await SendAsync(app, alice, await app.CreateReadyRequestAsync(alice));

        await Eventually.HoldsAsync(async () => (await app.OutboxAsync()).Single().State == DeliveryState.Delivered, "delivery to the folder");
        var file = Assert.Single(Directory.GetFiles(app.PickupDirectory, "*.eml"));
        var email = await MimeKit.MimeMessage.LoadAsync(file, TestContext.Current.CancellationToken);
        Assert.Equal("sam@example.org", email.To.Mailboxes.Single().Address);

        await using var scope = app.Services.CreateAsyncScope();
        var outbox = app.ServiceFor<OutboxStore>(alice, scope);
        Assert.True(outbox.UsesPickupFolder);
        var shown = await outbox.ReadAsync((await app.OutboxAsync()).Single().Id);
        Assert.Equal(AnswerLinkIn(email.TextBody!), AnswerLinkIn(shown!));
    }

    [Fact]
    public async Task A_request_that_cannot_be_emailed_writes_nothing()
    {
        var app = NewApp();
        var alice = await app.CreateAccountAsync("alice@example.org");
        var requestId = await app.CreateReadyRequestAsync(alice, "Kim", helperEmail: null);

        var result = await SendAsync(app, alice, requestId);
        var tooLong = await SendAsync(app, alice, await app.CreateReadyRequestAsync(alice, "Lee", "lee@example.org"), new string('s', 500));
        var twoLines = await SendAsync(app, alice, await app.CreateReadyRequestAsync(alice, "Max", "max@example.org"), "Hello\r\nBcc: someone@example.org");

        Assert.Contains("Kim has no email address", Assert.IsType<RequestChange.Invalid>(result).Errors.Single(), StringComparison.Ordinal);
        Assert.IsType<RequestChange.Invalid>(tooLong);
        Assert.IsType<RequestChange.Invalid>(twoLines);
        Assert.Empty(await app.OutboxAsync());
        await using var scope = app.Services.CreateAsyncScope();
        Assert.Equal(RequestStatus.Draft, (await app.ServiceFor<RequestStore>(alice, scope).FindAsync(requestId))!.Status);
    }

    [Fact]
    public async Task A_request_is_sent_once_even_when_send_is_pressed_twice()
    {
        var app = NewApp();
        var alice = await app.CreateAccountAsync("alice@example.org");
        var requestId = await app.CreateReadyRequestAsync(alice);

        var first = await SendAsync(app, alice, requestId);
        var second = await SendAsync(app, alice, requestId);

        Assert.IsType<RequestChange.Done>(first);
        Assert.Equal("This request was already sent.", Assert.IsType<RequestChange.Invalid>(second).Errors.Single());
        Assert.Single(await app.OutboxAsync());
    }

    [Fact]
    public async Task An_unexpected_error_while_delivering_counts_as_a_failed_attempt_with_its_reason()
    {
        var app = NewApp();
        app.Settings["Email:Delivery:MaxAttempts"] = "2";
        app.TestServices = services => services.AddSingleton<IMailTransport, BrokenTransport>();
        var alice = await app.CreateAccountAsync("alice@example.org");
        await SendAsync(app, alice, await app.CreateReadyRequestAsync(alice));

        await Eventually.HoldsAsync(async () => (await app.OutboxAsync()).Single().State == DeliveryState.Failed, "giving up after two attempts");

        var failed = (await app.OutboxAsync()).Single();
        Assert.Equal(2, failed.Attempts);
        Assert.Equal("The email couldn't be prepared or handed over: the transport broke", failed.LastError);
        Assert.Null(failed.LockedUntil);
    }

    private sealed class BrokenTransport : IMailTransport
    {
        public Task<string> DeliverAsync(MimeKit.MimeMessage message, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("the transport broke");
    }

    private HelpAskAppFactory NewApp(string? dataDirectory = null)
    {
        var app = new HelpAskAppFactory(dataDirectory: dataDirectory).WithSmtp(port);
        apps.Add(app);
        return app;
    }

    private static async Task<RequestChange> SendAsync(HelpAskAppFactory app, string accountId, Guid requestId, string subject = "Could I ask for your help?")
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await app.ServiceFor<RequestTracking>(accountId, scope).SendByEmailAsync(requestId, subject);
    }

    public void Dispose()
    {
        smtp?.Dispose();
        foreach (var app in apps)
        {
            app.Dispose();
        }

        if (sharedDirectory is not null)
        {
            try
            {
                Directory.Delete(sharedDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A log file still being flushed: the OS temp cleaner takes the rest.
            }
        }
    }
}
