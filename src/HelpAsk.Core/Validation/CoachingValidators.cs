using FluentValidation;
using HelpAsk.Core.Analysis;
using HelpAsk.Core.Domain;

namespace HelpAsk.Core.Validation;

/// <summary>A phrase the user adds to the coach: some words, not too many, under a rule that exists.</summary>
public sealed class PersonalPhraseValidator : AbstractValidator<PersonalPhrase>
{
    public PersonalPhraseValidator(RuleCatalog catalog)
    {
        RuleFor(p => p.RuleId)
            .Must(id => catalog.Descriptions.Any(r => r.Id == id)).WithMessage("Choose one of the coach's rules.");
        RuleFor(p => p.Phrase)
            .Must(p => p.Any(char.IsLetterOrDigit)).WithMessage("Type the words you want flagged.")
            .MaximumLength(CoachingPreferences.PhraseMaxLength).WithMessage($"Keep the phrase under {CoachingPreferences.PhraseMaxLength} characters.");
    }
}

/// <summary>A phrase the coach should never flag, as the user typed it.</summary>
public sealed record AllowedPhrase(string Phrase);

/// <summary>A phrase the coach should never flag: some words, not too many.</summary>
public sealed class AllowedPhraseValidator : AbstractValidator<AllowedPhrase>
{
    public AllowedPhraseValidator()
    {
        RuleFor(p => p.Phrase)
            .Must(p => p.Any(char.IsLetterOrDigit)).WithMessage("Type the words that are fine as they are.")
            .MaximumLength(CoachingPreferences.PhraseMaxLength).WithMessage($"Keep the phrase under {CoachingPreferences.PhraseMaxLength} characters.");
    }
}
