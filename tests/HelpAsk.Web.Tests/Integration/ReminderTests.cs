using HelpAsk.Core.Domain;
using HelpAsk.Testing;
using HelpAsk.Web.Features.Notifications;
using HelpAsk.Web.Features.Requests;
using HelpAsk.Web.Features.Sending;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static HelpAsk.Testing.MailServer;
using static HelpAsk.Web.Tests.Integration.MailTestKit;

namespace HelpAsk.Web.Tests.Integration;

/// <summary>The scheduled reminders, with time moved by a fake clock and mail through a real SMTP listener on loopback.</summary>
public sealed class ReminderTests : MailedAccountsTest
{
    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);

    public ReminderTests() => App.TestServices = services => services.AddSingleton<TimeProvider>(clock);

    [Fact]
    public async Task A_request_without_an_answer_for_four_days_gets_one_nudge_however_many_rounds_and_instances_look()
    {
        var requestId = await SendRequestAsync(Alice);
        var answered = await SendRequestAsync(Alice, "Kim", "kim@example.org");
        await using (var scope = App.Services.CreateAsyncScope())
        {
            await App.ServiceFor<RequestTracking>(Alice, scope).ChangeStatusAsync(answered, RequestStatus.Accepted, null);
        }

        clock.Advance(TimeSpan.FromDays(4) - TimeSpan.FromMinutes(1));
        Assert.Equal(0, await HostedReminders().SendDueAsync(TestContext.Current.CancellationToken));

        clock.Advance(TimeSpan.FromMinutes(2));
        var second = ActivatorUtilities.CreateInstance<Reminders>(App.Services);
        await Task.WhenAll(HostedReminders().SendDueAsync(TestContext.Current.CancellationToken), second.SendDueAsync(TestContext.Current.CancellationToken));
        await HostedReminders().SendDueAsync(TestContext.Current.CancellationToken);
        clock.Advance(TimeSpan.FromDays(3));
        await second.SendDueAsync(TestContext.Current.CancellationToken);

        await Eventually.HoldsAsync(() => Smtp.ReceivedEmailCount == 3, "the nudge");
        await App.WaitForDispatcherRoundsAsync();
        var nudge = Assert.Single(await App.OutboxAsync(), m => m.Purpose == OutboxPurpose.Notification);
        Assert.Equal(requestId, nudge.HelpRequestId);
        var email = Read(Smtp.ReceivedEmail.Single(m => m.ToAddresses.Any(a => a.Address == "alice@example.org")));
        Assert.StartsWith("No answer yet from Sam Jones: ", email.Subject, StringComparison.Ordinal);
        Assert.Contains("A short, friendly word to Sam in person usually does it", email.TextBody!.ReplaceLineEndings(" "), StringComparison.Ordinal);
        Assert.Contains($"https://helpask.example/requests/{requestId}", email.TextBody, StringComparison.Ordinal);
        Assert.NotNull(email.Headers["List-Unsubscribe"]);
        Assert.Equal(3, Smtp.ReceivedEmailCount);
    }

    [Fact]
    public async Task A_request_that_went_quiet_more_than_a_week_before_its_reminder_was_due_gets_none()
    {
        await SendRequestAsync(Alice);
        await HelpedRequestAsync(Bob);

        // The reminders' first look comes long after both fell due (the feature is new, or the server was down).
        clock.Advance(Reminders.NoAnswerAfter + Reminders.StillTimelyFor + TimeSpan.FromMinutes(1));

        Assert.Equal(0, await HostedReminders().SendDueAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Helped_but_not_thanked_after_two_days_gets_one_reminder_unless_that_kind_is_off()
    {
        var alicesRequest = await HelpedRequestAsync(Alice);
        await HelpedRequestAsync(Bob);
        await App.Services.GetRequiredService<NotificationSettings>().SetAsync(Bob, NotificationKind.NotThanked, on: false, TestContext.Current.CancellationToken);

        clock.Advance(TimeSpan.FromDays(2) - TimeSpan.FromMinutes(1));
        Assert.Equal(0, await HostedReminders().SendDueAsync(TestContext.Current.CancellationToken));
        clock.Advance(TimeSpan.FromMinutes(2));
        await HostedReminders().SendDueAsync(TestContext.Current.CancellationToken);
        await HostedReminders().SendDueAsync(TestContext.Current.CancellationToken);

        await Eventually.HoldsAsync(() => Smtp.ReceivedEmailCount == 1, "the reminder");
        await App.WaitForDispatcherRoundsAsync();
        var reminder = Assert.Single(await App.OutboxAsync());
        Assert.Equal((OutboxPurpose.Notification, alicesRequest, "alice@example.org"), (reminder.Purpose, reminder.HelpRequestId, reminder.ToAddress));
        var email = Read(Smtp.ReceivedEmail.Single());
        Assert.StartsWith("Say thanks to Sam Jones: ", email.Subject, StringComparison.Ordinal);
        Assert.Contains("\"Say thanks\" on the request", email.TextBody!.ReplaceLineEndings(" "), StringComparison.Ordinal);
    }

    private Reminders HostedReminders() =>
        App.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<Reminders>().Single();

    private async Task<Guid> SendRequestAsync(string accountId, string helperName = "Sam Jones", string helperEmail = "sam@example.org")
    {
        var requestId = await App.CreateReadyRequestAsync(accountId, helperName, helperEmail);
        await using var scope = App.Services.CreateAsyncScope();
        Assert.IsType<RequestChange.Done>(await App.ServiceFor<RequestTracking>(accountId, scope).SendByEmailAsync(requestId, "Could I ask for your help?"));
        return requestId;
    }

    /// <summary>A request asked in person (no email), which the helper then helped with.</summary>
    private async Task<Guid> HelpedRequestAsync(string accountId)
    {
        var requestId = await App.CreateReadyRequestAsync(accountId, "Sam Jones", null);
        await using var scope = App.Services.CreateAsyncScope();
        var tracking = App.ServiceFor<RequestTracking>(accountId, scope);
        await tracking.MarkSentAsync(requestId, "in person");
        Assert.Equal(new RequestChange.Done(RequestStatus.Helped), await tracking.ChangeStatusAsync(requestId, RequestStatus.Helped, null));
        return requestId;
    }
}
