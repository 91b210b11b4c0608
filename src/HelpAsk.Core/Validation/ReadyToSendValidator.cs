using FluentValidation;
using HelpAsk.Core.Domain;

namespace HelpAsk.Core.Validation;

/// <summary>What a request needs before it goes out: one helper, a clear ask, and the message itself.</summary>
public sealed class ReadyToSendValidator : AbstractValidator<HelpRequest>
{
    public ReadyToSendValidator()
    {
        Include(new HelpRequestDraftValidator());
        RuleFor(r => r.Status).Equal(RequestStatus.Draft).WithMessage("Only a draft can be sent.");
        RuleFor(r => r.HelperId).NotNull().WithMessage("Choose the one person you are asking.");
        RuleFor(r => r.Situation).Must(NotBeBlank).WithMessage("Say what is going on, so they know there is a need.");
        RuleFor(r => r.Signal).Must(NotBeBlank).WithMessage("Say plainly that you are asking for help.");
        RuleFor(r => r.WhatINeed).Must(NotBeBlank).WithMessage("Say exactly what you need.");
        RuleFor(r => r.ComposedText).Must(NotBeBlank).WithMessage("The message is empty.");
    }

    private static bool NotBeBlank(string text) => !string.IsNullOrWhiteSpace(text);
}
