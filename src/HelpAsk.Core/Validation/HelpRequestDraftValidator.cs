using FluentValidation;
using HelpAsk.Core.Domain;

namespace HelpAsk.Core.Validation;

/// <summary>
/// Limits that apply to every save of a draft. A draft may be incomplete: what must be filled
/// in before sending is checked by <see cref="ReadyToSendValidator"/>.
/// </summary>
public sealed class HelpRequestDraftValidator : AbstractValidator<HelpRequest>
{
    public HelpRequestDraftValidator()
    {
        RuleFor(r => r.Title).MaximumLength(HelpRequest.TitleMaxLength)
            .WithMessage($"Keep the title under {HelpRequest.TitleMaxLength} characters.");
        RuleFor(r => r.Situation).MaximumLength(HelpRequest.PartMaxLength).WithMessage(TooLong("situation"));
        RuleFor(r => r.Signal).MaximumLength(HelpRequest.PartMaxLength).WithMessage(TooLong("request"));
        RuleFor(r => r.WhatINeed).MaximumLength(HelpRequest.PartMaxLength).WithMessage(TooLong("what you need"));
        RuleFor(r => r.EffortEstimate).MaximumLength(HelpRequest.PartMaxLength).WithMessage(TooLong("effort estimate"));
        RuleFor(r => r.WhyThisPerson).MaximumLength(HelpRequest.PartMaxLength).WithMessage(TooLong("why this person"));
        RuleFor(r => r.Openness).MaximumLength(HelpRequest.PartMaxLength).WithMessage(TooLong("openness"));
        RuleFor(r => r.ComposedText).MaximumLength(HelpRequest.ComposedTextMaxLength)
            .WithMessage($"The message is over {HelpRequest.ComposedTextMaxLength:N0} characters; shorter asks get more answers.");
    }

    private static string TooLong(string part) => $"Keep the {part} under {HelpRequest.PartMaxLength:N0} characters.";
}
