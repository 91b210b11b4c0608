using HelpAsk.Core.Domain;
using HelpAsk.Core.Validation;

namespace HelpAsk.Core.Tests.Validation;

public sealed class HelpRequestValidatorTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 9, 0, 0, DateTimeKind.Utc);

    private static HelpRequest CompleteRequest()
    {
        var request = HelpRequest.StartDraft("account-1", Now, "Review the guide");
        request.HelperId = Guid.NewGuid();
        request.Situation = "I'm writing the onboarding guide for new support hires.";
        request.Signal = "I'd like your help with the billing section.";
        request.WhatINeed = "Read four pages and mark anything confusing.";
        request.EffortEstimate = "about half an hour";
        request.ComposedText = "Hi Priya, ...";
        return request;
    }

    [Fact]
    public void An_empty_draft_is_a_valid_draft()
    {
        var draft = HelpRequest.StartDraft("account-1", Now);

        Assert.True(new HelpRequestDraftValidator().Validate(draft).IsValid);
    }

    [Fact]
    public void A_draft_part_over_the_limit_is_refused_but_names_the_part()
    {
        var draft = HelpRequest.StartDraft("account-1", Now);
        draft.Situation = new string('x', HelpRequest.PartMaxLength + 1);

        var error = Assert.Single(new HelpRequestDraftValidator().Validate(draft).Errors);

        Assert.Equal(nameof(HelpRequest.Situation), error.PropertyName);
        Assert.Contains("situation", error.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_complete_request_is_ready_to_send()
    {
        Assert.True(new ReadyToSendValidator().Validate(CompleteRequest()).IsValid);
    }

    [Fact]
    public void Sending_needs_one_helper_and_the_core_parts()
    {
        var draft = HelpRequest.StartDraft("account-1", Now);

        var failed = new ReadyToSendValidator().Validate(draft).Errors.Select(e => e.PropertyName).ToHashSet();

        Assert.Equal(
            new[] { nameof(HelpRequest.HelperId), nameof(HelpRequest.Situation), nameof(HelpRequest.Signal), nameof(HelpRequest.WhatINeed), nameof(HelpRequest.EffortEstimate), nameof(HelpRequest.ComposedText) }.ToHashSet(),
            failed);
    }

    [Fact]
    public void What_the_composer_says_is_missing_is_what_sending_checks()
    {
        var empty = HelpRequest.StartDraft("account-1", Now);
        var complete = CompleteRequest();

        Assert.Equal(5, ReadyToSendValidator.StillMissing(empty.HelperId, empty.Parts).Count);
        Assert.Empty(ReadyToSendValidator.StillMissing(complete.HelperId, complete.Parts));
        Assert.Equal(
            ReadyToSendValidator.StillMissing(empty.HelperId, empty.Parts),
            new ReadyToSendValidator().Validate(empty).Errors.Where(e => e.PropertyName != nameof(HelpRequest.ComposedText)).Select(e => e.ErrorMessage));
    }

    [Fact]
    public void A_request_that_was_already_sent_is_not_ready_to_send_again()
    {
        var request = CompleteRequest();
        request.MoveTo(RequestStatus.Sent, Now);

        var result = new ReadyToSendValidator().Validate(request);

        Assert.Contains(result.Errors, e => e.PropertyName == nameof(HelpRequest.Status));
    }

    [Fact]
    public void A_blank_thank_you_note_asks_for_words()
    {
        var note = new ThankYouNote { OwnerId = "account-1", Text = "  " };

        var error = Assert.Single(new ThankYouNoteValidator().Validate(note).Errors);

        Assert.Contains("thanks", error.ErrorMessage, StringComparison.Ordinal);
    }
}
