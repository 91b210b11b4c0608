using HelpAsk.Core.Domain;
using HelpAsk.Core.Validation;

namespace HelpAsk.Core.Tests.Domain;

public sealed class AnswerTests
{
    private static readonly DateTime Monday = new(2026, 11, 23, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_link_token_is_long_random_and_stored_only_as_its_hash()
    {
        var (link, token) = ResponseLink.Issue(Guid.NewGuid(), Monday, TimeSpan.FromDays(30));
        var (_, other) = ResponseLink.Issue(Guid.NewGuid(), Monday, TimeSpan.FromDays(30));

        Assert.Equal(ResponseLink.TokenLength, token.Length);
        Assert.NotEqual(token, other);
        Assert.DoesNotContain(token, link.TokenHash, StringComparison.Ordinal);
        Assert.Equal(64, link.TokenHash.Length);
        Assert.Equal(link.TokenHash, ResponseLink.HashOrNull(token));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/")]
    public void Anything_that_cannot_be_a_token_is_never_looked_up(string? token)
    {
        Assert.Null(ResponseLink.HashOrNull(token));
    }

    [Fact]
    public void A_link_works_until_it_expires_or_is_revoked()
    {
        var (link, _) = ResponseLink.Issue(Guid.NewGuid(), Monday, TimeSpan.FromDays(30));

        Assert.True(link.IsUsableAt(Monday.AddDays(29)));
        Assert.False(link.IsUsableAt(Monday.AddDays(30)));
        link.Revoke(Monday.AddDays(1));
        Assert.False(link.IsUsableAt(Monday.AddDays(2)));
        link.Revoke(Monday.AddDays(3));
        Assert.Equal(Monday.AddDays(1), link.RevokedAt);
    }

    [Theory]
    [InlineData(HelperAnswerKind.Yes, RequestStatus.Accepted)]
    [InlineData(HelperAnswerKind.Alternative, RequestStatus.AlternativeOffered)]
    [InlineData(HelperAnswerKind.NotThisTime, RequestStatus.Declined)]
    public void An_answer_moves_the_request_and_goes_on_the_timeline(HelperAnswerKind kind, RequestStatus expected)
    {
        var request = Sent();

        var entry = request.RecordAnswer(new HelperAnswer(kind, kind == HelperAnswerKind.Alternative ? " I could lend my trolley " : null, " Good luck "), Monday.AddDays(1));

        Assert.Equal(expected, request.Status);
        Assert.Equal(RequestEventKind.Answered, entry.Kind);
        Assert.Equal(RequestStatus.Sent, entry.FromStatus);
        Assert.Equal(kind == HelperAnswerKind.Alternative ? "I could lend my trolley" : null, entry.Detail);
        Assert.Equal("Good luck", entry.Note);
    }

    [Fact]
    public void A_helper_can_change_their_answer_while_the_request_is_open_but_not_after_it_is_closed()
    {
        var request = Sent();
        request.RecordAnswer(new HelperAnswer(HelperAnswerKind.NotThisTime), Monday.AddDays(1));
        request.RecordAnswer(new HelperAnswer(HelperAnswerKind.Yes), Monday.AddDays(2));
        request.MoveTo(RequestStatus.Helped, Monday.AddDays(3));

        Assert.Equal(RequestStatus.Helped, request.Status);
        Assert.Throws<InvalidOperationException>(() => request.RecordAnswer(new HelperAnswer(HelperAnswerKind.Yes), Monday.AddDays(4)));
        Assert.Throws<InvalidOperationException>(() => HelpRequest.StartDraft("a", Monday).RecordAnswer(new HelperAnswer(HelperAnswerKind.Yes), Monday));
    }

    [Fact]
    public void Saying_no_needs_no_reason_but_an_alternative_needs_words()
    {
        var validator = new HelperAnswerValidator();

        Assert.True(validator.Validate(new HelperAnswer(HelperAnswerKind.NotThisTime)).IsValid);
        Assert.True(validator.Validate(new HelperAnswer(HelperAnswerKind.Yes)).IsValid);
        Assert.Equal("Say what you could do instead, in a few words.",
            Assert.Single(validator.Validate(new HelperAnswer(HelperAnswerKind.Alternative, "  ")).Errors).ErrorMessage);
        Assert.False(validator.Validate(new HelperAnswer(HelperAnswerKind.Yes, Note: new string('n', HelperAnswer.NoteMaxLength + 1))).IsValid);
        Assert.False(validator.Validate(new HelperAnswer((HelperAnswerKind)7)).IsValid);
    }

    [Fact]
    public void A_sent_request_goes_quiet_after_four_days_without_an_answer()
    {
        Assert.False(RequestStatusFlow.HasGoneQuiet(RequestStatus.Sent, Monday, Monday.AddDays(3)));
        Assert.True(RequestStatusFlow.HasGoneQuiet(RequestStatus.Sent, Monday, Monday.AddDays(4)));
        Assert.False(RequestStatusFlow.HasGoneQuiet(RequestStatus.Accepted, Monday, Monday.AddDays(10)));
        Assert.DoesNotContain(RequestStatus.Sent, RequestStatusFlow.ManualChangesAfter(RequestStatus.Draft));
    }

    private static HelpRequest Sent()
    {
        var request = HelpRequest.StartDraft("account-1", Monday);
        request.MoveTo(RequestStatus.Sent, Monday);
        return request;
    }
}
