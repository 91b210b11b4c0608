using HelpAsk.Testing;
using System.Globalization;
using System.Text.RegularExpressions;
using HelpAsk.Core.Domain;
using HelpAsk.Web.Features.Account;
using HelpAsk.Web.Features.Answers;
using HelpAsk.Web.Features.Notifications;
using HelpAsk.Web.Features.Requests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static HelpAsk.Testing.MailServer;
using static HelpAsk.Web.Tests.Integration.MailTestKit;

namespace HelpAsk.Web.Tests.Integration;

/// <summary>The daily digest, with time moved by a fake clock and mail through a real SMTP listener on loopback.</summary>
public sealed partial class DigestTests : MailedAccountsTest
{
    // 10 January 2027, 06:00 UTC: 07:00 in Berlin, before the digest's hour.
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2027, 1, 10, 6, 0, 0, TimeSpan.Zero));

    public DigestTests() => App.TestServices = services => services.AddSingleton<TimeProvider>(clock);

    [Fact]
    public async Task The_days_answers_come_in_one_email_at_the_digest_hour_in_the_askers_zone_exactly_once_and_its_link_turns_every_kind_off()
    {
        var cancel = TestContext.Current.CancellationToken;
        await App.Services.GetRequiredService<AccountLocale>().SetAsync(Alice, "Europe/Berlin", "en-GB", cancel);
        await App.Services.GetRequiredService<NotificationSettings>().SetDigestAsync(Alice, on: true, cancel);
        var yes = await SendRequestAsync("Sam Jones", "sam@example.org");
        var no = await SendRequestAsync("Kim Lee", "kim@example.org");
        await AnswerAsync(yes.Token, new HelperAnswer(HelperAnswerKind.Yes, null, "Happy to!"));
        await AnswerAsync(no.Token, new HelperAnswer(HelperAnswerKind.NotThisTime));

        await App.WaitForDispatcherRoundsAsync();
        Assert.Equal(2, Smtp.ReceivedEmailCount);
        Assert.Equal(0, await HostedDigests().SendDueAsync(cancel));
        await App.WaitUntilDeliveredAsync();

        // 09:01 in Berlin.
        clock.SetUtcNow(new DateTimeOffset(2027, 1, 10, 8, 1, 0, TimeSpan.Zero));
        var second = ActivatorUtilities.CreateInstance<DailyDigests>(App.Services);
        await Task.WhenAll(HostedDigests().SendDueAsync(cancel), second.SendDueAsync(cancel));
        Assert.Equal(0, await HostedDigests().SendDueAsync(cancel));

        await Eventually.HoldsAsync(() => Smtp.ReceivedEmailCount == 3, "the digest");
        await App.WaitForDispatcherRoundsAsync();
        Assert.Equal(3, Smtp.ReceivedEmailCount);
        var digest = Read(Smtp.Received().Single(m => m.ToAddresses.Any(a => a.Address == "alice@example.org")));
        Assert.Equal($"Your HelpAsk day, {new DateOnly(2027, 1, 10).ToString("D", CultureInfo.GetCultureInfo("en-GB"))}: 2 updates", digest.Subject);
        var text = digest.TextBody!.ReplaceLineEndings(" ");
        Assert.Contains("Sam Jones said yes: Moving the piano", text, StringComparison.Ordinal);
        Assert.Contains("Kim Lee answered: Moving the piano", text, StringComparison.Ordinal);
        Assert.Contains($"https://helpask.example/requests/{yes.RequestId}", text, StringComparison.Ordinal);
        Assert.Contains($"https://helpask.example/requests/{no.RequestId}", text, StringComparison.Ordinal);

        using var mailProgram = App.CreateClient();
        var unsubscribe = new Uri(UnsubscribeHeader().Match(digest.Headers["List-Unsubscribe"] ?? "").Groups[1].Value);
        await mailProgram.PostAsync(unsubscribe.AbsolutePath, new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }), cancel);
        var settings = App.Services.GetRequiredService<NotificationSettings>();
        Assert.All((await settings.GetAsync(Alice, cancel)).Values, Assert.False);
        Assert.All((await settings.GetAsync(Bob, cancel)).Values, Assert.True);
    }

    [Fact]
    public async Task The_digests_link_stops_its_emails_and_never_turns_them_into_single_emails_or_one_more_digest()
    {
        var cancel = TestContext.Current.CancellationToken;
        await App.Services.GetRequiredService<AccountLocale>().SetAsync(Alice, "Europe/Berlin", "en-GB", cancel);
        var settings = App.Services.GetRequiredService<NotificationSettings>();
        await settings.SetDigestAsync(Alice, on: true, cancel);
        var yes = await SendRequestAsync("Sam Jones", "sam@example.org");
        await AnswerAsync(yes.Token, new HelperAnswer(HelperAnswerKind.Yes, null, "Happy to!"));

        // Yesterday's digest link, clicked (one-click) before today's digest hour.
        using var mailProgram = App.CreateClient();
        var link = App.Services.GetRequiredService<UnsubscribeLinks>().ForEveryKind(Alice);
        var page = await (await mailProgram.PostAsync(new Uri(link).AbsolutePath, new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }), cancel))
            .Content.ReadAsStringAsync(cancel);

        Assert.Contains("Your daily digest stops with them", page, StringComparison.Ordinal);
        Assert.True(await settings.DigestIsOnAsync(Alice, cancel));
        var kim = await SendRequestAsync("Kim Lee", "kim@example.org");
        await AnswerAsync(kim.Token, new HelperAnswer(HelperAnswerKind.NotThisTime));
        await App.WaitUntilDeliveredAsync();
        clock.SetUtcNow(new DateTimeOffset(2027, 1, 10, 8, 1, 0, TimeSpan.Zero));
        Assert.Equal(0, await HostedDigests().SendDueAsync(cancel));
        await App.WaitForDispatcherRoundsAsync();
        Assert.DoesNotContain(Smtp.Received(), m => m.ToAddresses.Any(a => a.Address == "alice@example.org"));
    }

    [Fact]
    public async Task Without_the_digest_an_answer_is_its_own_email_and_nothing_waits_for_a_digest()
    {
        var cancel = TestContext.Current.CancellationToken;
        var yes = await SendRequestAsync("Sam Jones", "sam@example.org");
        await AnswerAsync(yes.Token, new HelperAnswer(HelperAnswerKind.Yes));

        await Eventually.HoldsAsync(() => Smtp.ReceivedEmailCount == 2, "the answer email");
        await App.WaitUntilDeliveredAsync();
        clock.SetUtcNow(new DateTimeOffset(2027, 1, 10, 10, 0, 0, TimeSpan.Zero));
        Assert.Equal(0, await HostedDigests().SendDueAsync(cancel));
    }

    private DailyDigests HostedDigests() =>
        App.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<DailyDigests>().Single();

    private async Task<(Guid RequestId, string Token)> SendRequestAsync(string helperName, string helperEmail)
    {
        var before = Smtp.ReceivedEmailCount;
        var requestId = await App.CreateReadyRequestAsync(Alice, helperName, helperEmail);
        await using var scope = App.Services.CreateAsyncScope();
        Assert.IsType<RequestChange.Done>(await App.ServiceFor<RequestTracking>(Alice, scope).SendByEmailAsync(requestId, "Could I ask for your help?"));
        await Eventually.HoldsAsync(() => Smtp.ReceivedEmailCount == before + 1, "the request email");
        return (requestId, AnswerLinkIn(Read(Smtp.Received().Single(m => m.ToAddresses.Any(a => a.Address == helperEmail))).TextBody!));
    }

    private async Task AnswerAsync(string token, HelperAnswer answer)
    {
        await using var scope = App.Services.CreateAsyncScope();
        Assert.IsType<AnswerOutcome.Recorded>(await scope.ServiceProvider.GetRequiredService<HelperAnswers>().AnswerAsync(token, answer));
    }

    [GeneratedRegex("<(https://[^>]+)>")]
    private static partial Regex UnsubscribeHeader();
}
