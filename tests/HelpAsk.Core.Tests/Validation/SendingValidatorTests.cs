using HelpAsk.Core.Domain;
using HelpAsk.Core.Validation;

namespace HelpAsk.Core.Tests.Validation;

public sealed class SendingValidatorTests
{
    private static readonly EmailToSendValidator Email = new();
    private static readonly StatusChangeValidator Status = new();

    private static EmailToSend To(string? email, string subject = "Could you help me move on Saturday?") =>
        new("Kim", email, subject, "send the message yourself");

    [Fact]
    public void An_email_to_someone_with_an_address_under_a_one_line_subject_can_go()
    {
        Assert.True(Email.Check(To("kim@example.org")).Succeeded);
    }

    [Theory]
    [InlineData("", "Give the email a subject.")]
    [InlineData("Two\nlines", "Keep the subject to one line under 200 characters.")]
    public void A_subject_gets_one_clear_message(string subject, string expected)
    {
        var outcome = Email.Check(To("kim@example.org", subject));

        Assert.Equal(expected, Assert.Single(outcome.Problems).Message);
    }

    [Fact]
    public void A_subject_too_long_and_on_two_lines_is_told_once()
    {
        var outcome = Email.Check(To("kim@example.org", new string('s', EmailToSend.SubjectMaxLength) + "\r\nmore"));

        Assert.Equal(nameof(EmailToSend.Subject), Assert.Single(outcome.Problems).Property);
    }

    [Fact]
    public void A_helper_without_an_address_is_named_with_the_other_way()
    {
        var outcome = Email.Check(To(null));

        Assert.Equal("Kim has no email address yet: add one on their page, or send the message yourself.", Assert.Single(outcome.Errors));
    }

    [Theory]
    [InlineData(RequestStatus.Draft, RequestStatus.Sent, "Use Send to send a draft.")]
    [InlineData(RequestStatus.Thanked, RequestStatus.Helped, "That change doesn't fit where this request is now. Reload the page to see its latest status.")]
    [InlineData(RequestStatus.Sent, (RequestStatus)42, "That change doesn't fit where this request is now. Reload the page to see its latest status.")]
    public void A_status_change_that_does_not_fit_says_why(RequestStatus from, RequestStatus to, string expected)
    {
        Assert.Equal(expected, Assert.Single(Status.Check(new StatusChange(from, to, null)).Errors));
    }

    [Fact]
    public void A_note_may_be_left_out_but_not_run_long()
    {
        Assert.True(Status.Check(new StatusChange(RequestStatus.Sent, RequestStatus.Helped, null)).Succeeded);
        Assert.True(Status.Check(new StatusChange(RequestStatus.Sent, RequestStatus.Helped, $"  {new string('n', NoteRules.MaxLength)}  ")).Succeeded);
        Assert.Equal(
            "Keep the note under 1,000 characters.",
            Status.Check(new StatusChange(RequestStatus.Sent, RequestStatus.Helped, new string('n', NoteRules.MaxLength + 1))).ErrorFor(nameof(StatusChange.Note)));
        Assert.False(new SentByHandValidator().Check(new SentByHand(new string('n', NoteRules.MaxLength + 1))).Succeeded);
    }

    [Fact]
    public void A_failed_outcome_stops_the_checks_after_it()
    {
        var failed = Outcome.Failed("This request was already sent.");

        Assert.Same(failed, failed.Then(() => Outcome.Failed("never asked")));
        Assert.Equal("next", Assert.Single(Outcome.Done.Then(() => Outcome.Failed("next")).Errors));
    }
}
