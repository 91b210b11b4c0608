using HelpAsk.Core.Domain;

namespace HelpAsk.Core.Tests.Domain;

public sealed class HelpRequestTests
{
    private static readonly DateTime Monday = new(2026, 11, 23, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_new_draft_belongs_to_its_owner_and_starts_its_timeline()
    {
        var draft = HelpRequest.StartDraft("account-1", Monday, "Couch move");

        Assert.Equal("account-1", draft.OwnerId);
        Assert.Equal(RequestStatus.Draft, draft.Status);
        Assert.Equal("Couch move", draft.Title);
        var created = Assert.Single(draft.Events);
        Assert.Equal(RequestEventKind.Created, created.Kind);
        Assert.Equal(draft.Id, created.HelpRequestId);
        Assert.Equal(Monday, created.At);
    }

    [Fact]
    public void A_draft_needs_an_owner()
    {
        Assert.Throws<ArgumentException>(() => HelpRequest.StartDraft(" ", Monday));
    }

    [Fact]
    public void Sending_records_when_and_adds_a_status_change_to_the_timeline()
    {
        var request = HelpRequest.StartDraft("account-1", Monday);
        var later = Monday.AddHours(2);

        var change = request.MoveTo(RequestStatus.Sent, later);

        Assert.Equal(RequestStatus.Sent, request.Status);
        Assert.Equal(later, request.SentAt);
        Assert.Equal(later, request.UpdatedAt);
        Assert.Equal(RequestStatus.Draft, change.FromStatus);
        Assert.Equal(RequestStatus.Sent, change.ToStatus);
        Assert.Equal(2, request.Events.Count);
    }

    [Fact]
    public void The_whole_happy_path_is_allowed_in_order()
    {
        var request = HelpRequest.StartDraft("account-1", Monday);

        foreach (var next in new[] { RequestStatus.Sent, RequestStatus.Accepted, RequestStatus.Helped, RequestStatus.Thanked })
        {
            request.MoveTo(next, Monday);
        }

        Assert.Equal(RequestStatus.Thanked, request.Status);
        Assert.Equal(5, request.Events.Count);
    }

    [Theory]
    [InlineData(RequestStatus.Thanked)]
    [InlineData(RequestStatus.Helped)]
    [InlineData(RequestStatus.Accepted)]
    public void A_draft_cannot_skip_being_sent(RequestStatus skipped)
    {
        var request = HelpRequest.StartDraft("account-1", Monday);

        var error = Assert.Throws<InvalidOperationException>(() => request.MoveTo(skipped, Monday));

        Assert.Contains("Draft", error.Message, StringComparison.Ordinal);
        Assert.Equal(RequestStatus.Draft, request.Status);
        Assert.Single(request.Events);
    }

    [Fact]
    public void New_records_get_time_ordered_keys_so_indexes_grow_at_one_end()
    {
        // Version 7: the first 48 bits are the creation time in milliseconds (RFC 9562), the rest random.
        var request = HelpRequest.StartDraft("account-1", Monday);
        Guid[] keys = [request.Id, new Helper { OwnerId = "account-1", Name = "Sam" }.Id, request.Events.Single().Id];

        Assert.All(keys, key => Assert.Equal(7, key.Version));
    }

    [Fact]
    public void A_thanked_request_is_finished()
    {
        Assert.All(Enum.GetValues<RequestStatus>(), next => Assert.False(RequestStatusFlow.CanMove(RequestStatus.Thanked, next)));
    }

    [Fact]
    public void Every_status_is_reached_from_a_draft_and_can_still_end_in_thanks()
    {
        var statuses = Enum.GetValues<RequestStatus>();
        IReadOnlySet<RequestStatus> ReachableFrom(RequestStatus start)
        {
            var seen = new HashSet<RequestStatus> { start };
            var queue = new Queue<RequestStatus>([start]);
            while (queue.TryDequeue(out var current))
            {
                foreach (var next in statuses.Where(s => RequestStatusFlow.CanMove(current, s) && seen.Add(s)))
                {
                    queue.Enqueue(next);
                }
            }

            return seen;
        }

        Assert.Equal(statuses.ToHashSet(), ReachableFrom(RequestStatus.Draft));
        Assert.All(statuses, status => Assert.Contains(RequestStatus.Thanked, ReachableFrom(status)));
    }

    [Fact]
    public void A_declined_request_can_still_turn_into_help_when_they_change_their_mind()
    {
        Assert.True(RequestStatusFlow.CanMove(RequestStatus.Declined, RequestStatus.Helped));
        Assert.False(RequestStatusFlow.CanMove(RequestStatus.Declined, RequestStatus.Draft));
    }

    [Fact]
    public void After_not_this_time_the_request_can_be_closed_and_its_words_asked_of_someone_else()
    {
        var request = HelpRequest.StartDraft("account-1", new DateTime(2026, 11, 2, 9, 0, 0, DateTimeKind.Utc), "Piano");
        request.HelperId = Guid.NewGuid();
        request.Situation = "We move on Saturday.";
        request.WhatINeed = "Could you help carry the piano?";
        request.EffortEstimate = "an hour";
        request.ComposedText = "Hi Sam, ...";
        request.MoveTo(RequestStatus.Sent, new DateTime(2026, 11, 2, 10, 0, 0, DateTimeKind.Utc));
        request.RecordAnswer(new HelperAnswer(HelperAnswerKind.NotThisTime), new DateTime(2026, 11, 3, 10, 0, 0, DateTimeKind.Utc));

        Assert.True(RequestStatusFlow.CanMove(RequestStatus.Declined, RequestStatus.Cancelled));
        Assert.Contains(RequestStatus.Cancelled, RequestStatusFlow.ManualChangesAfter(RequestStatus.Declined));
        Assert.True(RequestStatusFlow.CanAskSomeoneElse(request.Status));
        Assert.False(RequestStatusFlow.CanAskSomeoneElse(RequestStatus.Accepted));

        var copy = request.CopyForAnotherHelper(new DateTime(2026, 11, 4, 10, 0, 0, DateTimeKind.Utc));
        Assert.NotEqual(request.Id, copy.Id);
        Assert.Equal(RequestStatus.Draft, copy.Status);
        Assert.Null(copy.HelperId);
        Assert.Equal("", copy.ComposedText);
        Assert.Equal((request.Situation, request.WhatINeed, request.EffortEstimate), (copy.Situation, copy.WhatINeed, copy.EffortEstimate));
    }
}
