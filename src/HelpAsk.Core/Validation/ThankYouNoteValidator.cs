using FluentValidation;
using HelpAsk.Core.Domain;

namespace HelpAsk.Core.Validation;

public sealed class ThankYouNoteValidator : AbstractValidator<ThankYouNote>
{
    public ThankYouNoteValidator()
    {
        RuleFor(n => n.Text)
            .Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage("Write a few words of thanks.")
            .MaximumLength(ThankYouNote.TextMaxLength).WithMessage($"Keep the note under {ThankYouNote.TextMaxLength:N0} characters.");
    }
}
