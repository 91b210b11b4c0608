using FluentValidation;
using HelpAsk.Core.Domain;

namespace HelpAsk.Core.Validation;

/// <summary>A helper's answer: only "I could…" needs words; saying no never asks for a reason.</summary>
public sealed class HelperAnswerValidator : AbstractValidator<HelperAnswer>
{
    public HelperAnswerValidator()
    {
        RuleFor(a => a.Kind).IsInEnum().WithMessage("Choose one of the three answers.");
        RuleFor(a => a.Alternative)
            .NotEmpty().When(a => a.Kind == HelperAnswerKind.Alternative)
            .WithMessage("Say what you could do instead, in a few words.");
        RuleFor(a => a.Alternative)
            .MaximumLength(HelperAnswer.AlternativeMaxLength)
            .WithMessage($"Keep this under {HelperAnswer.AlternativeMaxLength:N0} characters.");
        RuleFor(a => a.Note)
            .MaximumLength(HelperAnswer.NoteMaxLength)
            .WithMessage($"Keep the note under {HelperAnswer.NoteMaxLength:N0} characters.");
    }
}
