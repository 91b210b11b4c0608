using FluentValidation;
using HelpAsk.Core.Domain;

namespace HelpAsk.Core.Validation;

/// <summary>A follow-up says what to tell them, on a day from today to two years ahead.</summary>
public sealed class ImpactFollowUpValidator : AbstractValidator<ImpactFollowUp>
{
    public ImpactFollowUpValidator(DateOnly today)
    {
        RuleFor(f => f.Plan)
            .NotEmpty().WithMessage("Say what you'll tell them, e.g. \"how the launch went\".")
            .MaximumLength(ImpactFollowUp.PlanMaxLength).WithMessage($"Keep it under {ImpactFollowUp.PlanMaxLength} characters.");
        RuleFor(f => f.DueOn)
            .GreaterThanOrEqualTo(today).WithMessage("Choose a day from today on.")
            .LessThanOrEqualTo(today.AddYears(2)).WithMessage("Choose a day within the next two years.");
    }
}
