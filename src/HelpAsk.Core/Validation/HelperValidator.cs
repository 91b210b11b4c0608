using FluentValidation;
using HelpAsk.Core.Domain;

namespace HelpAsk.Core.Validation;

/// <summary>What a person must tell us about a helper: a name, and a usable address if they give one.</summary>
public sealed class HelperValidator : AbstractValidator<Helper>
{
    public HelperValidator()
    {
        RuleFor(h => h.Name)
            .NotEmpty().WithMessage("Give the helper's name, so the request can greet them.")
            .MaximumLength(Helper.NameMaxLength).WithMessage($"Keep the name under {Helper.NameMaxLength} characters.");
        RuleFor(h => h.Email)
            .MaximumLength(Helper.EmailMaxLength).WithMessage($"Keep the email address under {Helper.EmailMaxLength} characters.")
            .Must(EmailAddresses.CanReceiveEmail).WithMessage(EmailAddresses.Message)
            .When(h => !string.IsNullOrWhiteSpace(h.Email));
        RuleFor(h => h.Relationship)
            .MaximumLength(Helper.RelationshipMaxLength).WithMessage($"Keep the relationship under {Helper.RelationshipMaxLength} characters.");
        RuleFor(h => h.Notes)
            .MaximumLength(Helper.NotesMaxLength).WithMessage($"Keep the notes under {Helper.NotesMaxLength} characters.");
    }
}
