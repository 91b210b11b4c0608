using System.Net;
using System.Text.RegularExpressions;
using HelpAsk.Core.Domain;
using HelpAsk.Testing;
using HelpAsk.Web.Features.Answers;
using HelpAsk.Web.Features.Notifications;
using HelpAsk.Web.Features.Requests;
using HelpAsk.Web.Features.Sending;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using static HelpAsk.Testing.MailServer;
using static HelpAsk.Web.Tests.Integration.MailTestKit;

namespace HelpAsk.Web.Tests.Integration;

/// <summary>The asker's notifications through a real SMTP listener on loopback: what arrives, once, and how to turn it off.</summary>
public sealed partial class NotificationTests : MailedAccountsTest
{
    private const string Payload = "<script>alert('x')</script><img src=x onerror=alert(1)> & \"quotes\"";

    [Fact]
    public async Task An_answer_emails_the_asker_who_answered_what_with_the_helpers_words_as_text_and_a_link_to_the_request()
    {
        var (requestId, token) = await SendRequestAsync();

        await AnswerAsync(token, new HelperAnswer(HelperAnswerKind.Alternative, "I could lend you my trolley " + Payload, "Good luck! " + Payload));

        var email = await NotificationAsync();
        Assert.Equal("alice@example.org", Assert.Single(email.To.Mailboxes).Address);
        Assert.StartsWith("Sam Jones offered another way to help: ", email.Subject, StringComparison.Ordinal);
        var requestLink = $"https://helpask.example/requests/{requestId}";

        // The text part quotes the helper's words as they wrote them; nothing there is markup.
        Assert.Contains("> I could lend you my trolley " + Payload, email.TextBody, StringComparison.Ordinal);
        Assert.Contains("> Good luck! " + Payload, email.TextBody, StringComparison.Ordinal);
        Assert.Contains(requestLink, email.TextBody, StringComparison.Ordinal);

        // The HTML part shows the same words as text: encoded, never a tag or an attribute.
        var html = email.HtmlBody!;
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;", html, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"{requestLink}\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain(OutboxMessage.LinkPlaceholder, html, StringComparison.Ordinal);
        Assert.DoesNotContain(OutboxMessage.LinkPlaceholder, email.TextBody, StringComparison.Ordinal);

        Assert.Equal("List-Unsubscribe=One-Click", email.Headers["List-Unsubscribe-Post"]);
        Assert.Contains(UnsubscribeLinkIn(email), email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_yes_says_so_and_the_same_answer_recorded_twice_sends_one_email()
    {
        var (_, token) = await SendRequestAsync();

        await AnswerAsync(token, new HelperAnswer(HelperAnswerKind.Yes, null, "Happy to!"));
        await AnswerAsync(token, new HelperAnswer(HelperAnswerKind.Yes, null, " Happy to! "));

        var email = await NotificationAsync();
        Assert.StartsWith("Sam Jones said yes: ", email.Subject, StringComparison.Ordinal);
        Assert.Contains("> Happy to!", email.TextBody, StringComparison.Ordinal);
        await App.WaitForDispatcherRoundsAsync();
        Assert.Single(await App.OutboxAsync(), m => m.Purpose == OutboxPurpose.Notification);
        Assert.Equal(2, Smtp.ReceivedEmailCount);
    }

    [Fact]
    public async Task Not_this_time_is_worded_kindly_and_suggests_thanking_them_or_asking_someone_else()
    {
        var (_, token) = await SendRequestAsync();

        await AnswerAsync(token, new HelperAnswer(HelperAnswerKind.NotThisTime));

        var email = await NotificationAsync();
        Assert.StartsWith("Sam Jones answered: ", email.Subject, StringComparison.Ordinal);
        var text = email.TextBody!.ReplaceLineEndings(" ");
        Assert.Contains("can't help with", text, StringComparison.Ordinal);
        Assert.Contains("Sam was kind enough to answer", text, StringComparison.Ordinal);
        Assert.Contains("thank Sam for considering it", text, StringComparison.Ordinal);
        Assert.Contains("ask someone else", text, StringComparison.Ordinal);
        Assert.Contains("thank Sam for considering it", email.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_answers_turned_off_an_answer_sends_no_email()
    {
        await SettingsAsync(Alice, NotificationKind.Answers, on: false);
        var (requestId, token) = await SendRequestAsync();

        await AnswerAsync(token, new HelperAnswer(HelperAnswerKind.Yes));

        await App.WaitForDispatcherRoundsAsync();
        Assert.DoesNotContain(await App.OutboxAsync(), m => m.Purpose == OutboxPurpose.Notification);
        Assert.Equal(1, Smtp.ReceivedEmailCount);
        await using var scope = App.Services.CreateAsyncScope();
        Assert.Equal(RequestStatus.Accepted, (await App.ServiceFor<RequestStore>(Alice, scope).FindAsync(requestId))!.Status);
    }

    [Fact]
    public async Task A_mail_programs_one_click_POST_turns_answers_off_without_signing_in_and_for_that_account_only()
    {
        var (_, token) = await SendRequestAsync();
        await AnswerAsync(token, new HelperAnswer(HelperAnswerKind.Yes));
        var unsubscribe = new Uri(UnsubscribeLinkIn(await NotificationAsync()));
        using var mailProgram = App.CreateClient(new() { AllowAutoRedirect = false });

        var response = await mailProgram.PostAsync(unsubscribe.PathAndQuery,
            new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }), TestContext.Current.CancellationToken);

        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther or HttpStatusCode.Found, response.StatusCode.ToString());
        Assert.False((await SettingsOfAsync(Alice))[NotificationKind.Answers]);
        Assert.True((await SettingsOfAsync(Bob))[NotificationKind.Answers]);
        var page = await mailProgram.GetStringAsync(unsubscribe.PathAndQuery, TestContext.Current.CancellationToken);
        Assert.Contains("These emails are off", page, StringComparison.Ordinal);

        // Answers from now on stay in the App.
        var (_, second) = await SendRequestAsync("Kim", "kim@example.org");
        await AnswerAsync(second, new HelperAnswer(HelperAnswerKind.Yes));
        await App.WaitForDispatcherRoundsAsync();
        Assert.Single(await App.OutboxAsync(), m => m.Purpose == OutboxPurpose.Notification);
    }

    [Fact]
    public async Task Opening_the_link_changes_nothing_until_its_button_is_pressed()
    {
        var (_, token) = await SendRequestAsync();
        await AnswerAsync(token, new HelperAnswer(HelperAnswerKind.Yes));
        var unsubscribe = new Uri(UnsubscribeLinkIn(await NotificationAsync()));
        using var browser = App.CreateClient();

        var page = await browser.GetStringAsync(unsubscribe.PathAndQuery, TestContext.Current.CancellationToken);
        Assert.Contains("Turn off these emails?", page, StringComparison.Ordinal);
        Assert.True((await SettingsOfAsync(Alice))[NotificationKind.Answers]);

        var action = WebUtility.HtmlDecode(FormAction().Match(page).Groups["action"].Value);
        var pressed = await browser.PostAsync("/" + action, new FormUrlEncodedContent([]), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, pressed.StatusCode);
        Assert.Contains("These emails are off", await pressed.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.False((await SettingsOfAsync(Alice))[NotificationKind.Answers]);
    }

    [Fact]
    public async Task The_page_says_exactly_what_the_click_turned_off_and_its_undo_turns_exactly_that_back_on()
    {
        await SettingsAsync(Alice, NotificationKind.NoAnswer, on: false);
        var link = new Uri(App.Services.GetRequiredService<UnsubscribeLinks>().ForEveryKind(Alice)).AbsolutePath;
        using var browser = App.CreateClient();

        var confirm = await browser.GetStringAsync(link, TestContext.Current.CancellationToken);
        Assert.Equal([NotificationKind.Answers, NotificationKind.NotThanked, NotificationKind.FollowUpDue], KindsListedIn(confirm));
        var pressed = await browser.PostAsync(link, new FormUrlEncodedContent([]), TestContext.Current.CancellationToken);
        var page = await pressed.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Contains("Turned off just now", page, StringComparison.Ordinal);
        Assert.Equal([NotificationKind.Answers, NotificationKind.NotThanked, NotificationKind.FollowUpDue], KindsListedIn(page));
        Assert.Contains("href=\"settings/notifications\"", page, StringComparison.Ordinal);
        Assert.All((await SettingsOfAsync(Alice)).Values, Assert.False);

        var undo = "/" + WebUtility.HtmlDecode(UndoAction().Match(page).Groups["action"].Value);
        var undone = await (await browser.PostAsync(undo, new FormUrlEncodedContent([]), TestContext.Current.CancellationToken)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Contains("These emails are back on", undone, StringComparison.Ordinal);
        Assert.Equal([NotificationKind.Answers, NotificationKind.NotThanked, NotificationKind.FollowUpDue], KindsListedIn(undone));
        var now = await SettingsOfAsync(Alice);
        Assert.Equal([NotificationKind.NoAnswer], now.Where(k => !k.Value).Select(k => k.Key));
        Assert.All((await SettingsOfAsync(Bob)).Values, Assert.True);
    }

    private static IReadOnlyList<NotificationKind> KindsListedIn(string page) =>
        [.. KindItem().Matches(page).Select(m => Enum.Parse<NotificationKind>(m.Groups["kind"].Value))];

    [GeneratedRegex("<li data-kind=\"(?<kind>[A-Za-z]+)\"")]
    private static partial Regex KindItem();

    [GeneratedRegex("<form method=\"post\" action=\"(?<action>[^\"]+/undo/[^\"]+)\"")]
    private static partial Regex UndoAction();

    [Fact]
    public async Task A_forged_or_altered_link_changes_nothing_and_says_the_link_is_not_valid()
    {
        var (_, token) = await SendRequestAsync();
        await AnswerAsync(token, new HelperAnswer(HelperAnswerKind.Yes));
        var real = new Uri(UnsubscribeLinkIn(await NotificationAsync())).AbsolutePath;
        var realToken = real[(real.LastIndexOf('/') + 1)..];
        var altered = real[..(real.LastIndexOf('/') + 1)] + realToken[..20] + (realToken[20] == 'A' ? 'B' : 'A') + realToken[21..];
        var forged = "/notifications/unsubscribe/" + Convert.ToBase64String("1:someone"u8.ToArray()).TrimEnd('=');
        using var client = App.CreateClient();

        foreach (var path in new[] { altered, forged, "/notifications/unsubscribe/x" })
        {
            await client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }), TestContext.Current.CancellationToken);
            var page = await client.GetAsync(path, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
            Assert.Contains("This link is not valid", await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }

        Assert.True((await SettingsOfAsync(Alice))[NotificationKind.Answers]);
        Assert.True((await SettingsOfAsync(Bob))[NotificationKind.Answers]);
    }

    [Fact]
    public async Task A_link_made_for_one_account_turns_off_only_that_accounts_kind()
    {
        var links = App.Services.GetRequiredService<UnsubscribeLinks>();
        using var client = App.CreateClient();

        await client.PostAsync(new Uri(links.For(Alice, NotificationKind.Answers)).AbsolutePath, new FormUrlEncodedContent([]), TestContext.Current.CancellationToken);

        Assert.False((await SettingsOfAsync(Alice))[NotificationKind.Answers]);
        Assert.True((await SettingsOfAsync(Bob))[NotificationKind.Answers]);
        Assert.Equal(new Unsubscription(Bob, NotificationKind.Answers), await links.ReadAsync(new Uri(links.For(Bob, NotificationKind.Answers)).Segments[^1]));
    }

    private async Task<(Guid RequestId, string Token)> SendRequestAsync(string helperName = "Sam Jones", string helperEmail = "sam@example.org")
    {
        var before = Smtp.ReceivedEmailCount;
        var requestId = await App.CreateReadyRequestAsync(Alice, helperName, helperEmail);
        await using var scope = App.Services.CreateAsyncScope();
        Assert.IsType<RequestChange.Done>(await App.ServiceFor<RequestTracking>(Alice, scope).SendByEmailAsync(requestId, "Could I ask for your help?"));
        await Eventually.HoldsAsync(() => Smtp.ReceivedEmailCount == before + 1, "the request email");
        return (requestId, AnswerLinkIn(Read(Smtp.Received()[before]).TextBody!));
    }

    private async Task AnswerAsync(string token, HelperAnswer answer)
    {
        await using var scope = App.Services.CreateAsyncScope();
        Assert.IsType<AnswerOutcome.Recorded>(await scope.ServiceProvider.GetRequiredService<HelperAnswers>().AnswerAsync(token, answer));
    }

    /// <summary>The first notification the asker received.</summary>
    private async Task<MimeMessage> NotificationAsync()
    {
        MimeMessage? found = null;
        await Eventually.HoldsAsync(() =>
        {
            found = Smtp.Received().Select(Read).FirstOrDefault(m => m.To.Mailboxes.Any(to => to.Address == "alice@example.org"));
            return found is not null;
        }, "the notification to the asker");
        return found!;
    }

    private static string UnsubscribeLinkIn(MimeMessage email)
    {
        var header = email.Headers["List-Unsubscribe"];
        Assert.NotNull(header);
        var match = UnsubscribeHeader().Match(header);
        Assert.True(match.Success, header);
        return match.Groups["link"].Value;
    }

    private async Task SettingsAsync(string accountId, NotificationKind kind, bool on) =>
        await App.Services.GetRequiredService<NotificationSettings>().SetAsync(accountId, kind, on, TestContext.Current.CancellationToken);

    private Task<IReadOnlyDictionary<NotificationKind, bool>> SettingsOfAsync(string accountId) =>
        App.Services.GetRequiredService<NotificationSettings>().GetAsync(accountId, TestContext.Current.CancellationToken);

    [GeneratedRegex(@"^<(?<link>https://helpask\.example/notifications/unsubscribe/[A-Za-z0-9_-]+)>$")]
    private static partial Regex UnsubscribeHeader();

    [GeneratedRegex("<form method=\"post\" action=\"(?<action>[^\"]+)\"")]
    private static partial Regex FormAction();
}
