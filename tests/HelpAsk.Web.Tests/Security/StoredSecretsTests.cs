using System.Net;
using HelpAsk.Core.Domain;
using HelpAsk.Testing;
using HelpAsk.Web.Data;
using HelpAsk.Web.Features.Account;
using HelpAsk.Web.Features.Answers;
using HelpAsk.Web.Features.Coaching;
using HelpAsk.Web.Features.Helpers;
using HelpAsk.Web.Features.Requests;
using HelpAsk.Web.Features.Sending;
using HelpAsk.Web.Features.Thanks;
using HelpAsk.Web.Tests.Integration;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using static HelpAsk.Testing.MailServer;
using static HelpAsk.Web.Tests.Integration.MailTestKit;

namespace HelpAsk.Web.Tests.Security;

/// <summary>What the app keeps and shows: the Outbox's links, closed requests' links, and text with control characters.</summary>
public sealed class StoredSecretsTests : TwoAccountsTest
{
    [Fact]
    public async Task An_account_email_link_is_never_shown_in_the_outbox_even_once_delivered_to_the_pickup_folder()
    {
        const string Secret = "https://helpask.example/Account/ConfirmEmailChange?userId=x&code=SECRET-CODE-123";
        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var alice = (await users.FindByIdAsync(Alice))!;
        await scope.ServiceProvider.GetRequiredService<IEmailSender<ApplicationUser>>().SendConfirmationLinkAsync(alice, "not-alices@example.org", Secret);
        var message = (await App.OutboxAsync()).Single(m => m.Purpose == OutboxPurpose.AccountEmail);
        var outbox = App.ServiceFor<OutboxStore>(Alice, scope);

        var whileWaiting = await outbox.ReadAsync(message.Id);
        await Eventually.HoldsAsync(async () => (await App.OutboxAsync()).Single(m => m.Id == message.Id).State == DeliveryState.Delivered, "delivery to the folder");
        var delivered = await outbox.ReadAsync(message.Id);

        Assert.Contains(Secret, await File.ReadAllTextAsync(Directory.GetFiles(App.PickupDirectory, "*.eml").Single(), TestContext.Current.CancellationToken), StringComparison.Ordinal);
        foreach (var shown in new[] { whileWaiting, delivered })
        {
            Assert.NotNull(shown);
            Assert.DoesNotContain("SECRET-CODE-123", shown, StringComparison.Ordinal);
            Assert.Contains("(personal link, only in the email its recipient gets)", shown, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task With_a_mail_server_configured_the_outbox_never_decrypts_the_answer_link_of_a_waiting_or_failed_email()
    {
        using var app = new HelpAskAppFactory().WithSmtp(FreePort());
        app.Settings["Email:Delivery:MaxAttempts"] = "2";
        var alice = await app.CreateAccountAsync("alice@example.org");
        var requestId = await app.CreateReadyRequestAsync(alice);
        await using var scope = app.Services.CreateAsyncScope();
        Assert.IsType<RequestChange.Done>(await app.ServiceFor<RequestTracking>(alice, scope).SendByEmailAsync(requestId, "Hello"));
        var message = (await app.OutboxAsync()).Single();
        var outbox = app.ServiceFor<OutboxStore>(alice, scope);

        var waiting = await outbox.ReadAsync(message.Id);
        await Eventually.HoldsAsync(async () => (await app.OutboxAsync()).Single().State == DeliveryState.Failed, "giving up (nothing listens)");
        var failed = await outbox.ReadAsync(message.Id);

        Assert.NotNull((await app.OutboxAsync()).Single().ProtectedLink);
        foreach (var shown in new[] { waiting, failed })
        {
            Assert.DoesNotContain("/answer/", shown, StringComparison.Ordinal);
            Assert.Contains("Could you help carry it down on Saturday morning?", shown, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Thanks_through_the_composer_close_the_answer_link_like_recording_they_helped_and_the_page_says_only_link_not_valid()
    {
        var (requestId, token) = await SendRequestAsync();
        await using var scope = App.Services.CreateAsyncScope();
        Assert.IsType<AnswerOutcome.Recorded>(await scope.ServiceProvider.GetRequiredService<HelperAnswers>().AnswerAsync(token, new HelperAnswer(HelperAnswerKind.Yes, null, null)));
        var thanks = App.ServiceFor<ThanksStore>(Alice, scope);
        var note = (await thanks.StartAsync(new ThanksFor.Request(requestId)))!;
        Assert.IsType<DraftSave<ThanksContent>.Saved>(await thanks.SaveAsync(note.Id, note.Version, new ThanksContent("", "", "", "Sam, thank you for the piano.")));

        Assert.IsType<RequestChange.Done>(await thanks.SendByEmailAsync(note.Id));

        Assert.NotNull((await App.ServiceFor<RequestTracking>(Alice, scope).AnswerLinksAsync(requestId)).Single().RevokedAt);
        using var helper = App.CreateClient();
        var response = await helper.GetAsync($"/answer/{token}", TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Contains("This link is no longer valid", body, StringComparison.Ordinal);
        Assert.DoesNotContain("alice@example.org", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_closed_request_whose_link_was_never_revoked_answers_the_same_410_and_never_shows_the_askers_address()
    {
        var (requestId, token) = await SendRequestAsync();
        // A request closed before closing revoked links (an older version of the app): its link row is still live.
        await App.ChangeRequestAsync(requestId, set => set.SetProperty(r => r.Status, RequestStatus.Thanked));
        await using var scope = App.Services.CreateAsyncScope();
        Assert.Null((await App.ServiceFor<RequestTracking>(Alice, scope).AnswerLinksAsync(requestId)).Single().RevokedAt);

        using var helper = App.CreateClient();
        var response = await helper.GetAsync($"/answer/{token}", TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Contains("This link is no longer valid", body, StringComparison.Ordinal);
        Assert.DoesNotContain("alice@example.org", body, StringComparison.Ordinal);
        Assert.IsType<AnswerOutcome.LinkNotValid>(await scope.ServiceProvider.GetRequiredService<HelperAnswers>().AnswerAsync(token, new HelperAnswer(HelperAnswerKind.Yes, null, null)));
    }

    [Fact]
    public async Task A_NUL_or_other_control_character_past_512_bytes_never_cuts_stored_text_short()
    {
        var before = new string('a', 600);
        await using var scope = App.Services.CreateAsyncScope();
        var helpers = App.ServiceFor<HelperDirectory>(Alice, scope);
        var requests = App.ServiceFor<RequestStore>(Alice, scope);
        var helper = await helpers.AddValidAsync("Sam Jones", "sam@example.org", notes: before + "\0 and\u0001 after\tthe tab\r\nand the line break");
        var draft = await requests.StartDraftAsync("Piano");
        var content = new DraftContent("Piano", helper.Id, before + "\0We move on Saturday.\u001b", "", "", null, "", "", "", "");

        Assert.IsType<DraftSave<DraftContent>.Saved>(await requests.SaveDraftAsync(draft.Id, draft.Version, content));

        Assert.Equal(before + " and after\tthe tab\r\nand the line break", (await App.ServiceFor<HelperDirectory>(Alice, scope).FindAsync(helper.Id))!.Notes);
        Assert.Equal(before + "We move on Saturday.", (await requests.FindAsync(draft.Id))!.Situation);
    }

    private async Task<(Guid RequestId, string Token)> SendRequestAsync()
    {
        var requestId = await App.CreateReadyRequestAsync(Alice);
        await using var scope = App.Services.CreateAsyncScope();
        Assert.IsType<RequestChange.Done>(await App.ServiceFor<RequestTracking>(Alice, scope).SendByEmailAsync(requestId, "Could I ask for your help?"));
        await Eventually.HoldsAsync(async () => Directory.Exists(App.PickupDirectory) && Directory.GetFiles(App.PickupDirectory, "*.eml").Length == 1, "delivery");
        var email = await MimeKit.MimeMessage.LoadAsync(Directory.GetFiles(App.PickupDirectory, "*.eml").Single(), TestContext.Current.CancellationToken);
        return (requestId, AnswerLinkIn(email.TextBody!));
    }
}
