using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using HelpAsk.Core.Domain;
using HelpAsk.Testing;
using HelpAsk.Web.Data;
using HelpAsk.Web.Features.Requests;
using HelpAsk.Web.Features.Sending;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static HelpAsk.Web.Tests.Integration.MailTestKit;

namespace HelpAsk.Web.Tests.Integration;

/// <summary>The helper's answer page over HTTP, as a helper's browser uses it, and what its links may and may not do.</summary>
public sealed partial class AnswerPageTests : TwoAccountsTest
{
    [Fact]
    public async Task A_helper_answers_with_an_alternative_and_the_requester_sees_it_on_the_timeline()
    {
        var (requestId, token) = await SendRequestAsync();
        using var helper = App.CreateClient();

        var page = await helper.GetStringAsync($"/answer/{token}", TestContext.Current.CancellationToken);
        Assert.Contains("alice@example.org asked for your help", page, StringComparison.Ordinal);
        Assert.Contains("Could you help carry it down on Saturday morning?", page, StringComparison.Ordinal);

        var answer = await PostAnswerAsync(helper, token, page, "Alternative", "I could lend you my trolley on Friday", "Good luck!");

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("You offered another way to help", await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        var request = await FindAsync(Alice, requestId);
        Assert.Equal(RequestStatus.AlternativeOffered, request!.Status);
        var entry = request.Events.Single(e => e.Kind == RequestEventKind.Answered);
        Assert.Equal("I could lend you my trolley on Friday", entry.Detail);
        Assert.Equal("Good luck!", entry.Note);
        Assert.Equal("Sam Jones answered: I can't do that, but I could…", Timeline.Describe(entry, "Sam Jones"));
    }

    [Fact]
    public async Task Many_answers_through_one_link_at_the_same_moment_are_each_stored_or_asked_again_and_never_an_error()
    {
        var (requestId, token) = await SendRequestAsync();
        using var helper = App.CreateClient();
        var page = await GetAsync(helper, token);

        // A helper clicking Send again and again while the page is slow (16 at once, changing their mind each time).
        var kinds = Enumerable.Range(0, 16).Select(i => i % 2 == 0 ? "Yes" : "NotThisTime").ToArray();
        var answers = await Task.WhenAll(kinds.Select((kind, i) => PostAnswerAsync(helper, token, page, kind, note: $"note {i}")));

        for (var i = 0; i < answers.Length; i++)
        {
            var html = WebUtility.HtmlDecode(await answers[i].Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            Assert.True(answers[i].StatusCode is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"answer {i}: {(int)answers[i].StatusCode}");
            if (answers[i].StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                // Not stored, and said so, with what they wrote still in the form to send again.
                Assert.Contains("Your answer was not saved", html, StringComparison.Ordinal);
                Assert.Contains($"note {i}", html, StringComparison.Ordinal);
            }
        }

        Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.OK);
        // The request shows the last answer stored, whichever that was.
        var request = await FindAsync(Alice, requestId);
        var last = request!.Events.Where(e => e.Kind == RequestEventKind.Answered).MaxBy(e => e.At)!;
        Assert.Equal(last.ToStatus, request.Status);
    }

    [Theory]
    [InlineData("de-DE,de;q=0.9", "de-DE")]
    [InlineData("en-US,en;q=0.9", "en-US")]
    [InlineData("", "en-GB")]
    public async Task The_helper_reads_the_date_in_their_own_browsers_culture(string acceptLanguage, string culture)
    {
        var (requestId, token) = await SendRequestAsync();
        var neededBy = new DateOnly(2026, 12, 5);
        await App.ChangeRequestAsync(requestId, set => set.SetProperty(r => r.NeededBy, neededBy));
        using var helper = App.CreateClient();
        if (acceptLanguage.Length > 0)
        {
            helper.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);
        }

        var page = WebUtility.HtmlDecode(await GetAsync(helper, token));

        Assert.Contains($"Needed by {neededBy.ToString("D", CultureInfo.GetCultureInfo(culture))}.", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_helper_sees_the_askers_name_as_plain_text_and_the_email_comes_from_it_with_replies_to_the_asker()
    {
        await SetDisplayNameAsync(Alice, "Priya <b>\"P\"</b> Shah, Jr.");
        var (_, token) = await SendRequestAsync();
        using var helper = App.CreateClient();

        var page = await helper.GetStringAsync($"/answer/{token}", TestContext.Current.CancellationToken);
        Assert.Contains("Priya &lt;b&gt;&quot;P&quot;&lt;/b&gt; Shah, Jr. asked for your help", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("alice@example.org", MainContent(page), StringComparison.Ordinal);

        var email = await MimeKit.MimeMessage.LoadAsync(Directory.GetFiles(App.PickupDirectory, "*.eml").Single(), TestContext.Current.CancellationToken);
        var from = Assert.Single(email.From.Mailboxes);
        Assert.Equal("Priya <b>\"P\"</b> Shah, Jr. via HelpAsk", from.Name);
        Assert.Equal("helpask@localhost", from.Address);
        Assert.Equal("alice@example.org", Assert.Single(email.ReplyTo.Mailboxes).Address);
        Assert.EndsWith("Thank you,\nPriya\n", email.TextBody!.Split("\n---")[0].ReplaceLineEndings("\n").TrimEnd() + "\n", StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_account_without_a_name_is_shown_by_its_address_and_sends_as_HelpAsk()
    {
        var (_, token) = await SendRequestAsync();
        using var helper = App.CreateClient();

        var page = await helper.GetStringAsync($"/answer/{token}", TestContext.Current.CancellationToken);
        Assert.Contains("alice@example.org asked for your help", page, StringComparison.Ordinal);
        var email = await MimeKit.MimeMessage.LoadAsync(Directory.GetFiles(App.PickupDirectory, "*.eml").Single(), TestContext.Current.CancellationToken);
        Assert.Equal("HelpAsk", Assert.Single(email.From.Mailboxes).Name);
    }

    [Fact]
    public async Task The_same_answer_sent_again_after_Back_changes_nothing_on_the_timeline_or_the_dashboard()
    {
        var (requestId, token) = await SendRequestAsync();
        using var helper = App.CreateClient();
        var page = await GetAsync(helper, token);

        var first = await PostAnswerAsync(helper, token, page, "Yes", note: "Happy to!");
        var again = await PostAnswerAsync(helper, token, page, "Yes", note: " Happy to! ");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var request = await FindAsync(Alice, requestId);
        Assert.Single(request!.Events, e => e.Kind == RequestEventKind.Answered);
        await using var scope = App.Services.CreateAsyncScope();
        var answers = await App.ServiceFor<HelpAsk.Web.Features.Dashboard.DashboardQueries>(Alice, scope).GetRecentAnswersAsync();
        Assert.Single(answers);

        // A different note is a new answer.
        await PostAnswerAsync(helper, token, await GetAsync(helper, token), "Yes", note: "Happy to, after 10");
        Assert.Equal(2, (await FindAsync(Alice, requestId))!.Events.Count(e => e.Kind == RequestEventKind.Answered));
    }

    [Fact]
    public async Task After_not_this_time_the_asker_can_close_the_request_or_ask_someone_else_with_the_same_words()
    {
        var (requestId, token) = await SendRequestAsync();
        using var helper = App.CreateClient();
        await PostAnswerAsync(helper, token, await GetAsync(helper, token), "NotThisTime");
        await using var scope = App.Services.CreateAsyncScope();
        var requests = App.ServiceFor<RequestStore>(Alice, scope);

        var copy = await requests.AskSomeoneElseAsync(requestId);
        Assert.NotNull(copy);
        var draft = await requests.FindAsync(copy.Id);
        Assert.Equal(RequestStatus.Draft, draft!.Status);
        Assert.Null(draft.HelperId);
        Assert.Equal("Could you help carry it down on Saturday morning?", draft.WhatINeed);
        Assert.Null(await App.ServiceFor<RequestStore>(Bob, scope).AskSomeoneElseAsync(requestId));

        var closed = await App.ServiceFor<RequestTracking>(Alice, scope).ChangeStatusAsync(requestId, RequestStatus.Cancelled, null);
        Assert.Equal(new RequestChange.Done(RequestStatus.Cancelled), closed);
    }

    [Fact]
    public async Task A_draft_without_a_title_is_listed_by_its_first_words()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var requests = App.ServiceFor<RequestStore>(Alice, scope);
        var draft = await requests.StartDraftAsync();
        await requests.SaveDraftAsync(draft.Id, draft.Version, new DraftContent(
            "", null, "", "Could you   water the plants\nwhile I'm away?", "", null, "", "", "", ""));

        var listed = Assert.Single(await requests.ListAsync(new RequestFilter()));

        Assert.Equal("Could you water the plants while I'm away?", listed.Title);
    }

    [Fact]
    public async Task Saying_no_needs_no_reason_and_the_answer_can_be_changed_while_the_request_is_open()
    {
        var (requestId, token) = await SendRequestAsync();
        using var helper = App.CreateClient();

        var no = await PostAnswerAsync(helper, token, await GetAsync(helper, token), "NotThisTime");
        var yes = await PostAnswerAsync(helper, token, await GetAsync(helper, token), "Yes");

        Assert.Equal(HttpStatusCode.OK, no.StatusCode);
        Assert.Equal(HttpStatusCode.OK, yes.StatusCode);
        var request = await FindAsync(Alice, requestId);
        Assert.Equal(RequestStatus.Accepted, request!.Status);
        Assert.Equal([RequestStatus.Declined, RequestStatus.Accepted],
            request.Events.Where(e => e.Kind == RequestEventKind.Answered).OrderBy(e => e.At).Select(e => e.ToStatus!.Value));
    }

    [Fact]
    public async Task Forged_malformed_expired_and_revoked_links_all_show_the_same_plain_page_and_leak_nothing()
    {
        var (requestId, token) = await SendRequestAsync();
        var (_, expiring) = await SendRequestAsync("Kim", "kim@example.org");
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HelpAskDbContext>();
            var expiredHash = ResponseLink.HashOrNull(expiring)!;
            await db.ResponseLinks.IgnoreQueryFilters().Where(l => l.TokenHash == expiredHash)
                .ExecuteUpdateAsync(set => set.SetProperty(l => l.ExpiresAt, DateTime.UtcNow.AddMinutes(-1)), TestContext.Current.CancellationToken);
            Assert.True(await App.ServiceFor<RequestTracking>(Alice, scope).RevokeAnswerLinksAsync(requestId));
        }

        using var client = App.CreateClient();
        var forged = "A" + token[1..] == token ? "B" + token[1..] : "A" + token[1..];
        var pages = new List<string>();
        foreach (var link in new[] { forged, expiring, token, "short", new string('x', 5_000), "%27%22%3Cscript%3Ealert(1)%3C%2Fscript%3E" })
        {
            var response = await client.GetAsync($"/answer/{link}", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
            var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.True(body.Contains("This link is no longer valid", StringComparison.Ordinal), $"{link}: {body}");
            Assert.DoesNotContain("alice@example.org", body, StringComparison.Ordinal);
            Assert.DoesNotContain("piano", body, StringComparison.Ordinal);
            pages.Add(MainContent(body));
        }

        Assert.Single(pages.Distinct());
        var revokedPost = await client.PostAsync($"/answer/{token}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "answer", ["Input.Kind"] = "Yes",
        }), TestContext.Current.CancellationToken);
        Assert.NotEqual(HttpStatusCode.OK, revokedPost.StatusCode);
        Assert.Equal(RequestStatus.Sent, (await FindAsync(Alice, requestId))!.Status);
    }

    [Fact]
    public async Task Oversized_and_malformed_answers_get_a_clear_message_and_change_nothing()
    {
        var (requestId, token) = await SendRequestAsync();
        using var helper = App.CreateClient();

        var oversized = await PostAnswerAsync(helper, token, await GetAsync(helper, token), "Yes", note: new string('n', HelperAnswer.NoteMaxLength + 1));
        var noWords = await PostAnswerAsync(helper, token, await GetAsync(helper, token), "Alternative", alternative: "   ");
        var noChoice = await PostAnswerAsync(helper, token, await GetAsync(helper, token), "Maybe");

        Assert.Equal(HttpStatusCode.BadRequest, oversized.StatusCode);
        Assert.Contains("Keep the note under 2,000 characters.", await oversized.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Contains("Say what you could do instead", await noWords.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Contains("Choose one of the three answers.", await noChoice.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(RequestStatus.Sent, (await FindAsync(Alice, requestId))!.Status);
    }

    [Fact]
    public async Task An_answer_posted_when_the_database_has_gone_gets_the_friendly_error_page()
    {
        var (_, token) = await SendRequestAsync();
        using var helper = App.CreateClient();
        var page = await GetAsync(helper, token);

        using (App.TakeDatabaseAway())
        {
            var answer = await PostAnswerAsync(helper, token, page, "Yes", note: "Happy to!");
            var shown = await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

            // The error page is shown by re-running the request; run again as a form post, it was a bare 400 before.
            Assert.Equal(HttpStatusCode.InternalServerError, answer.StatusCode);
            Assert.Contains("Sorry, something went wrong on our side.", shown, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", shown, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Cancelling_a_request_turns_its_answer_link_off()
    {
        var (requestId, token) = await SendRequestAsync();
        await using var scope = App.Services.CreateAsyncScope();

        var cancelled = await App.ServiceFor<RequestTracking>(Alice, scope).ChangeStatusAsync(requestId, RequestStatus.Cancelled, "Sorted it another way");

        Assert.IsType<RequestChange.Done>(cancelled);
        using var helper = App.CreateClient();
        var response = await helper.GetAsync($"/answer/{token}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.NotNull((await App.ServiceFor<RequestTracking>(Alice, scope).AnswerLinksAsync(requestId)).Single().RevokedAt);
    }

    [Fact]
    public async Task Another_account_cannot_send_change_or_revoke_a_request_it_does_not_own()
    {
        var requestId = await App.CreateReadyRequestAsync(Alice);
        await using var scope = App.Services.CreateAsyncScope();
        var bob = App.ServiceFor<RequestTracking>(Bob, scope);

        Assert.IsType<RequestChange.NotFound>(await bob.SendByEmailAsync(requestId, "Hello"));
        Assert.IsType<RequestChange.NotFound>(await bob.MarkSentAsync(requestId, "in person"));
        Assert.IsType<RequestChange.NotFound>(await bob.ChangeStatusAsync(requestId, RequestStatus.Cancelled, null));
        Assert.False(await bob.RevokeAnswerLinksAsync(requestId));

        await App.ServiceFor<RequestTracking>(Alice, scope).SendByEmailAsync(requestId, "Hello");
        Assert.Empty(await bob.AnswerLinksAsync(requestId));
        Assert.Single(await App.ServiceFor<RequestTracking>(Alice, scope).AnswerLinksAsync(requestId));
    }

    [Fact]
    public async Task Status_changes_follow_the_flow_and_each_is_on_the_timeline()
    {
        var requestId = await App.CreateReadyRequestAsync(Alice);
        await using var scope = App.Services.CreateAsyncScope();
        var tracking = App.ServiceFor<RequestTracking>(Alice, scope);

        Assert.IsType<RequestChange.Invalid>(await tracking.ChangeStatusAsync(requestId, RequestStatus.Helped, null));
        Assert.IsType<RequestChange.Done>(await tracking.MarkSentAsync(requestId, "on Slack"));
        Assert.IsType<RequestChange.Done>(await tracking.ChangeStatusAsync(requestId, RequestStatus.Accepted, "Said yes at lunch"));
        Assert.IsType<RequestChange.Invalid>(await tracking.ChangeStatusAsync(requestId, RequestStatus.Thanked, null));
        Assert.IsType<RequestChange.Invalid>(await tracking.ChangeStatusAsync(requestId, RequestStatus.Helped, new string('x', 1_001)));
        Assert.IsType<RequestChange.Invalid>(await tracking.ChangeStatusAsync(requestId, (RequestStatus)42, null));
        Assert.IsType<RequestChange.Done>(await tracking.ChangeStatusAsync(requestId, RequestStatus.Helped, null));

        var request = await FindAsync(Alice, requestId);
        Assert.Equal(RequestStatus.Helped, request!.Status);
        Assert.Equal(
            ["Draft started", "Draft → Sent: Sent by you: on Slack", "Sent → Yes, they can help: Said yes at lunch", "Yes, they can help → Helped"],
            request.Events.OrderBy(e => e.At).Select(e => Timeline.Describe(e, "Sam")));
    }

    [Fact]
    public async Task The_answer_page_is_rate_limited()
    {
        using var limited = new HelpAskAppFactory();
        limited.Settings["RateLimits:AnswerPage:PermitLimit"] = "3";
        using var client = limited.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await client.GetAsync($"/answer/{new string('a', ResponseLink.TokenLength)}", TestContext.Current.CancellationToken)).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Gone, HttpStatusCode.Gone, HttpStatusCode.Gone, HttpStatusCode.TooManyRequests], statuses);
    }

    private async Task<(Guid RequestId, string Token)> SendRequestAsync(string helperName = "Sam Jones", string helperEmail = "sam@example.org")
    {
        var requestId = await App.CreateReadyRequestAsync(Alice, helperName, helperEmail);
        await using var scope = App.Services.CreateAsyncScope();
        Assert.IsType<RequestChange.Done>(await App.ServiceFor<RequestTracking>(Alice, scope).SendByEmailAsync(requestId, "Could I ask for your help?"));
        string? body = null;
        await Eventually.HoldsAsync(async () =>
        {
            var message = (await App.OutboxAsync()).SingleOrDefault(m => m.HelpRequestId == requestId && m.State == DeliveryState.Delivered);
            body = message is null ? null : await App.ServiceFor<OutboxStore>(Alice, scope).ReadAsync(message.Id);
            return body is not null;
        }, "delivery to the pickup folder");
        return (requestId, AnswerLinkIn(body!));
    }

    private async Task SetDisplayNameAsync(string accountId, string name)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpAskDbContext>();
        await db.Users.Where(u => u.Id == accountId).ExecuteUpdateAsync(set => set.SetProperty(u => u.DisplayName, name), TestContext.Current.CancellationToken);
    }

    private async Task<HelpRequest?> FindAsync(string accountId, Guid requestId)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await App.ServiceFor<RequestStore>(accountId, scope).FindAsync(requestId);
    }

    private static Task<string> GetAsync(HttpClient client, string token) =>
        client.GetStringAsync($"/answer/{token}", TestContext.Current.CancellationToken);

    private static Task<HttpResponseMessage> PostAnswerAsync(
        HttpClient client, string token, string page, string kind, string? alternative = null, string? note = null) =>
        HtmlForms.SubmitAsync(client, $"/answer/{token}", page, "answer", new Dictionary<string, string>
        {
            ["Input.Kind"] = kind,
            ["Input.Alternative"] = alternative ?? "",
            ["Input.Note"] = note ?? "",
        });

    private static string MainContent(string html) => MainElement().Match(html).Value;

    [GeneratedRegex("<main.*</main>", RegexOptions.Singleline)]
    private static partial Regex MainElement();
}
