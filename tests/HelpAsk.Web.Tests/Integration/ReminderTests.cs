using HelpAsk.Core.Domain;
using HelpAsk.Testing;
using HelpAsk.Web.Features.Account;
using HelpAsk.Web.Features.Notifications;
using HelpAsk.Web.Features.Thanks;
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
        await App.WaitUntilDeliveredAsync();
        clock.Advance(TimeSpan.FromDays(3));
        await second.SendDueAsync(TestContext.Current.CancellationToken);

        await Eventually.HoldsAsync(() => Smtp.ReceivedEmailCount == 3, "the nudge");
        await App.WaitForDispatcherRoundsAsync();
        var nudge = Assert.Single(await App.OutboxAsync(), m => m.Purpose == OutboxPurpose.Notification);
        Assert.Equal(requestId, nudge.HelpRequestId);
        var email = Read(Smtp.Received().Single(m => m.ToAddresses.Any(a => a.Address == "alice@example.org")));
        Assert.StartsWith("No answer yet from Sam Jones: ", email.Subject, StringComparison.Ordinal);
        Assert.Contains("A short, friendly word to Sam in person usually does it", email.TextBody!.ReplaceLineEndings(" "), StringComparison.Ordinal);
        Assert.Contains($"https://helpask.example/requests/{requestId}", email.TextBody, StringComparison.Ordinal);
        Assert.NotNull(email.Headers["List-Unsubscribe"]);
        Assert.Equal(3, Smtp.ReceivedEmailCount);
    }

    [Fact]
    public async Task With_no_answer_nudges_turned_off_a_quiet_request_gets_none()
    {
        await SendRequestAsync(Bob);
        await App.Services.GetRequiredService<NotificationSettings>().SetAsync(Bob, NotificationKind.NoAnswer, on: false, TestContext.Current.CancellationToken);
        await Eventually.HoldsAsync(() => Smtp.ReceivedEmailCount == 1, "the request itself");

        clock.Advance(TimeSpan.FromDays(4) + TimeSpan.FromMinutes(1));
        Assert.Equal(0, await HostedReminders().SendDueAsync(TestContext.Current.CancellationToken));

        await App.WaitForDispatcherRoundsAsync();
        Assert.DoesNotContain(await App.OutboxAsync(), m => m.Purpose == OutboxPurpose.Notification);
        Assert.Equal(1, Smtp.ReceivedEmailCount);
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
        await App.Services.GetRequiredService<AccountLocale>().SetAsync(Alice, "America/New_York", "en-US", TestContext.Current.CancellationToken);
        var alicesRequest = await HelpedRequestAsync(Alice);
        var helpedOn = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(clock.GetUtcNow().UtcDateTime, TimeZoneInfo.FindSystemTimeZoneById("America/New_York")));
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
        var email = Read(Smtp.Received().Single());
        Assert.StartsWith("Say thanks to Sam Jones: ", email.Subject, StringComparison.Ordinal);
        Assert.Contains("\"Say thanks\" on the request", email.TextBody!.ReplaceLineEndings(" "), StringComparison.Ordinal);
        // The date as the asker's calendar and culture give it.
        Assert.Contains($"(on {helpedOn.ToString("D", System.Globalization.CultureInfo.GetCultureInfo("en-US"))})", email.TextBody!.ReplaceLineEndings(" "), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_follow_up_is_emailed_once_on_the_morning_of_its_date_in_the_askers_zone_with_the_date_in_their_culture()
    {
        var cancel = TestContext.Current.CancellationToken;
        // 10 January 2027, 12:00 UTC: already 11 January, 01:00 in Auckland (UTC+13 in summer).
        clock.SetUtcNow(new DateTimeOffset(2027, 1, 10, 12, 0, 0, TimeSpan.Zero));
        var locale = App.Services.GetRequiredService<AccountLocale>();
        Assert.IsType<LocaleChange.Saved>(await locale.SetAsync(Alice, "Pacific/Auckland", "de-DE", cancel));
        var dueOn = new DateOnly(2027, 1, 12);
        var followUpId = await PlanFollowUpAsync(Alice, "how the launch went", dueOn);
        await PlanFollowUpAsync(Bob, "how the move went", dueOn);
        await App.Services.GetRequiredService<NotificationSettings>().SetAsync(Bob, NotificationKind.FollowUpDue, on: false, cancel);

        // 08:00 on 12 January in Auckland is 19:00 UTC on the 11th.
        clock.SetUtcNow(new DateTimeOffset(2027, 1, 11, 18, 59, 0, TimeSpan.Zero));
        Assert.Equal(0, await HostedReminders().SendDueAsync(cancel));
        clock.Advance(TimeSpan.FromMinutes(2));
        var second = ActivatorUtilities.CreateInstance<Reminders>(App.Services);
        await Task.WhenAll(HostedReminders().SendDueAsync(cancel), second.SendDueAsync(cancel));
        await App.WaitUntilDeliveredAsync();
        // Later rounds the same day (before the helped requests' thank-you reminders are due) find it sent.
        clock.Advance(TimeSpan.FromHours(12));
        await HostedReminders().SendDueAsync(cancel);

        await Eventually.HoldsAsync(() => Smtp.ReceivedEmailCount == 1, "the follow-up email");
        await App.WaitForDispatcherRoundsAsync();
        var notification = Assert.Single(await App.OutboxAsync(), m => m.Purpose == OutboxPurpose.Notification);
        Assert.Equal("alice@example.org", notification.ToAddress);
        var email = Read(Smtp.Received().Single());
        Assert.Equal("Tell Sam how the launch went", email.Subject);
        var text = email.TextBody!.ReplaceLineEndings(" ");
        Assert.Contains($"on {dueOn.ToString("D", System.Globalization.CultureInfo.GetCultureInfo("de-DE"))}:", text, StringComparison.Ordinal);
        Assert.Contains($"https://helpask.example/thanks/new?followUp={followUpId}", text, StringComparison.Ordinal);
        Assert.NotNull(email.Headers["List-Unsubscribe"]);
        Assert.Equal(1, Smtp.ReceivedEmailCount);
    }

    private Reminders HostedReminders() =>
        App.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<Reminders>().Single();

    private async Task<Guid> SendRequestAsync(string accountId, string helperName = "Sam Jones", string helperEmail = "sam@example.org")
    {
        var requestId = await App.CreateReadyRequestAsync(accountId, helperName, helperEmail);
        await using var scope = App.Services.CreateAsyncScope();
        Assert.IsType<RequestChange.Done>(await App.ServiceFor<RequestTracking>(accountId, scope).SendByEmailAsync(requestId, "Could I ask for your help?"));

        await App.WaitUntilDeliveredAsync();
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

    private async Task<Guid> PlanFollowUpAsync(string accountId, string plan, DateOnly dueOn)
    {
        var requestId = await HelpedRequestAsync(accountId);
        await using var scope = App.Services.CreateAsyncScope();
        return Assert.IsType<FollowUpPlanning.Planned>(await App.ServiceFor<ImpactFollowUps>(accountId, scope).PlanAsync(requestId, plan, dueOn)).Id;
    }
}
