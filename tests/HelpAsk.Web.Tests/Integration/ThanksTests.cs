using HelpAsk.Core.Domain;
using HelpAsk.Web.Features.Coaching;
using HelpAsk.Web.Features.Requests;
using HelpAsk.Web.Features.Sending;
using HelpAsk.Web.Features.Thanks;
using Microsoft.Extensions.DependencyInjection;
using static HelpAsk.Web.Tests.Integration.MailTestKit;

namespace HelpAsk.Web.Tests.Integration;

/// <summary>Thank-you notes and impact follow-ups, through the real services and outbox.</summary>
public sealed class ThanksTests : TwoAccountsTest
{
    [Fact]
    public async Task Emailing_thanks_moves_the_request_to_thanked_and_puts_the_note_in_the_outbox()
    {
        var requestId = await HelpedRequestAsync(RequestStatus.Accepted);
        await using var scope = App.Services.CreateAsyncScope();
        var thanks = App.ServiceFor<ThanksStore>(Alice, scope);
        var note = (await thanks.StartAsync(new ThanksFor.Request(requestId)))!;
        Assert.IsType<DraftSave<ThanksContent>.Saved>(await thanks.SaveAsync(note.Id, note.Version, new ThanksContent("", "", "", "Sam, thank you for the trolley.")));

        Assert.Equal(new RequestChange.Done(RequestStatus.Thanked), await thanks.SendByEmailAsync(note.Id));

        var request = await App.ServiceFor<RequestStore>(Alice, scope).FindAsync(requestId);
        Assert.Equal(RequestStatus.Thanked, request!.Status);
        Assert.NotNull(request.HelpedAt);
        Assert.NotNull(request.ThankedAt);
        Assert.Contains(request.Events, e => e.ToStatus == RequestStatus.Thanked && e.Detail == "Thank-you note to Sam Jones (emailed)");
        var email = (await App.OutboxAsync()).Single(m => m.Purpose == OutboxPurpose.ThankYouNote);
        Assert.Equal(("sam@example.org", "Thank you", "Sam, thank you for the trolley.", note.Id), (email.ToAddress, email.Subject, email.Body, email.ThankYouNoteId!.Value));
        Assert.Equal("This note was already sent.", Assert.IsType<RequestChange.Invalid>(await thanks.MarkSentAsync(note.Id, null)).Errors.Single());
    }

    [Fact]
    public async Task Thanks_for_considering_a_declined_request_says_the_request_stayed_declined()
    {
        var requestId = await HelpedRequestAsync(RequestStatus.Declined);
        await using var scope = App.Services.CreateAsyncScope();
        var thanks = App.ServiceFor<ThanksStore>(Alice, scope);
        var note = (await thanks.StartAsync(new ThanksFor.Request(requestId)))!;
        Assert.IsType<DraftSave<ThanksContent>.Saved>(await thanks.SaveAsync(note.Id, note.Version, new ThanksContent("", "", "", "Sam, thanks for thinking about it.")));

        Assert.Equal(new RequestChange.Done(RequestStatus.Declined), await thanks.MarkSentAsync(note.Id, "by text"));

        Assert.Equal(RequestStatus.Declined, (await App.ServiceFor<RequestStore>(Alice, scope).FindAsync(requestId))!.Status);
    }

    [Fact]
    public async Task An_empty_note_is_not_sent_and_reopening_thanks_resumes_the_same_draft()
    {
        var requestId = await HelpedRequestAsync(RequestStatus.Helped);
        await using var scope = App.Services.CreateAsyncScope();
        var thanks = App.ServiceFor<ThanksStore>(Alice, scope);
        var first = (await thanks.StartAsync(new ThanksFor.Request(requestId)))!;

        var again = (await thanks.StartAsync(new ThanksFor.Request(requestId)))!;
        var refused = await thanks.MarkSentAsync(first.Id, "in a card");
        var tooLong = await thanks.SaveAsync(first.Id, first.Version, new ThanksContent(new string('x', ThankYouNote.PartMaxLength + 1), "", "", "Thanks"));

        Assert.Equal(first.Id, again.Id);
        Assert.Equal("Write a few words of thanks.", Assert.IsType<RequestChange.Invalid>(refused).Errors.Single());
        Assert.Contains("under 2,000 characters", Assert.IsType<DraftSave<ThanksContent>.Invalid>(tooLong).Outcome.Errors.Single(), StringComparison.Ordinal);
        Assert.Equal(RequestStatus.Helped, (await App.ServiceFor<RequestStore>(Alice, scope).FindAsync(requestId))!.Status);
    }

    [Fact]
    public async Task A_planned_follow_up_comes_due_and_the_impact_note_completes_it()
    {
        var requestId = await HelpedRequestAsync(RequestStatus.Helped);
        await using var scope = App.Services.CreateAsyncScope();
        var followUps = App.ServiceFor<ImpactFollowUps>(Alice, scope);
        var today = DateOnly.FromDateTime(DateTime.Now);

        Assert.IsType<FollowUpPlanning.Invalid>(await followUps.PlanAsync(requestId, " ", today));
        Assert.IsType<FollowUpPlanning.Invalid>(await followUps.PlanAsync(requestId, "how the move went", today.AddDays(-1)));
        var planned = Assert.IsType<FollowUpPlanning.Planned>(await followUps.PlanAsync(requestId, "how the move went", today));
        Assert.IsType<FollowUpPlanning.Planned>(await followUps.PlanAsync(requestId, "how Dad settled in", today.AddDays(30)));
        Assert.Equal(["how the move went"], (await followUps.ListDueAsync()).Select(f => f.Plan));
        Assert.Empty(await App.ServiceFor<ImpactFollowUps>(Bob, scope).ListDueAsync());

        var thanks = App.ServiceFor<ThanksStore>(Alice, scope);
        var note = (await thanks.StartAsync(new ThanksFor.FollowUp(planned.Id)))!;
        Assert.True(note.IsImpactUpdate);
        await thanks.SaveAsync(note.Id, note.Version, new ThanksContent("", "", "Dad plays every evening now.", "Sam, Dad plays every evening now."));
        Assert.IsType<RequestChange.Done>(await thanks.MarkSentAsync(note.Id, "over coffee"));

        Assert.Empty(await followUps.ListDueAsync());
        var request = await App.ServiceFor<RequestStore>(Alice, scope).FindAsync(requestId);
        Assert.Contains(request!.Events, e => e.Detail == "Told Sam Jones what difference their help made (how the move went)");
        Assert.Equal(RequestStatus.Helped, request.Status);
    }

    [Fact]
    public async Task Dropping_a_planned_follow_up_keeps_the_note_started_for_it_as_a_thank_you_draft()
    {
        var requestId = await HelpedRequestAsync(RequestStatus.Helped);
        await using var scope = App.Services.CreateAsyncScope();
        var followUps = App.ServiceFor<ImpactFollowUps>(Alice, scope);
        var thanks = App.ServiceFor<ThanksStore>(Alice, scope);
        var today = DateOnly.FromDateTime(DateTime.Now);
        var dropped = Assert.IsType<FollowUpPlanning.Planned>(await followUps.PlanAsync(requestId, "how the move went", today));
        var done = Assert.IsType<FollowUpPlanning.Planned>(await followUps.PlanAsync(requestId, "how Dad settled in", today));
        var started = (await thanks.StartAsync(new ThanksFor.FollowUp(dropped.Id)))!;
        await thanks.SaveAsync(started.Id, started.Version, new ThanksContent("", "", "Dad plays every evening now.", "Sam, Dad plays every evening now."));
        var told = (await thanks.StartAsync(new ThanksFor.FollowUp(done.Id)))!;
        await thanks.SaveAsync(told.Id, told.Version, new ThanksContent("", "", "He knows the neighbours.", "Sam, he knows the neighbours."));
        Assert.IsType<RequestChange.Done>(await thanks.MarkSentAsync(told.Id, "over coffee"));

        Assert.False(await App.ServiceFor<ImpactFollowUps>(Bob, scope).DropAsync(dropped.Id));
        Assert.False(await followUps.DropAsync(done.Id));
        Assert.True(await followUps.DropAsync(dropped.Id));
        Assert.False(await followUps.DropAsync(dropped.Id));

        Assert.Equal(["how Dad settled in"], (await followUps.ListForRequestAsync(requestId)).Select(f => f.Plan));
        Assert.Empty(await followUps.ListDueAsync());
        var draft = (await thanks.FindAsync(started.Id))!;
        Assert.False(draft.IsImpactUpdate);
        Assert.Null(draft.SentAt);
        Assert.Equal("Sam, Dad plays every evening now.", draft.Text);
        var request = await App.ServiceFor<RequestStore>(Alice, scope).FindAsync(requestId);
        Assert.Contains(request!.Events, e => e.Detail == "Follow-up dropped: how the move went");
    }

    [Fact]
    public async Task Another_account_cannot_start_read_save_or_send_thanks_that_are_not_its_own()
    {
        var requestId = await HelpedRequestAsync(RequestStatus.Helped);
        await using var scope = App.Services.CreateAsyncScope();
        var note = (await App.ServiceFor<ThanksStore>(Alice, scope).StartAsync(new ThanksFor.Request(requestId)))!;
        var bob = App.ServiceFor<ThanksStore>(Bob, scope);

        Assert.Null(await bob.StartAsync(new ThanksFor.Request(requestId)));
        Assert.Null(await bob.StartAsync(new ThanksFor.Helper(note.HelperId)));
        Assert.Null(await bob.FindAsync(note.Id));
        Assert.IsType<DraftSave<ThanksContent>.NotFound>(await bob.SaveAsync(note.Id, note.Version, new ThanksContent("", "", "", "Hi")));
        Assert.IsType<RequestChange.NotFound>(await bob.SendByEmailAsync(note.Id));
        Assert.IsType<RequestChange.NotFound>(await bob.MarkSentAsync(note.Id, null));
        Assert.Empty(await bob.ListForHelperAsync(note.HelperId));
        Assert.IsType<FollowUpPlanning.NotFound>(await App.ServiceFor<ImpactFollowUps>(Bob, scope).PlanAsync(requestId, "x", DateOnly.FromDateTime(DateTime.Now)));
    }

    private async Task<Guid> HelpedRequestAsync(RequestStatus status)
    {
        var requestId = await App.CreateReadyRequestAsync(Alice);
        await using var scope = App.Services.CreateAsyncScope();
        var tracking = App.ServiceFor<RequestTracking>(Alice, scope);
        await tracking.MarkSentAsync(requestId, "in person");
        await tracking.ChangeStatusAsync(requestId, status, null);
        return requestId;
    }
}
