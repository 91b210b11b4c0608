using FluentValidation;
using HelpAsk.Core.Domain;

namespace HelpAsk.Core.Validation;

/// <summary>What a saved thank-you note may hold: every part within its length.</summary>
public sealed class ThankYouNoteDraftValidator : AbstractValidator<ThankYouNote>
{
    public ThankYouNoteDraftValidator()
    {
        foreach (var (part, name) in new (System.Linq.Expressions.Expression<Func<ThankYouNote, string>>, string)[]
                 {
                     (n => n.WhatTheyDid, "what they did"), (n => n.WhatItCost, "what it cost them"), (n => n.DifferenceItMade, "the difference it made"),
                 })
        {
            RuleFor(part).MaximumLength(ThankYouNote.PartMaxLength)
                .WithMessage($"Keep {name} under {ThankYouNote.PartMaxLength:N0} characters.");
        }

        RuleFor(n => n.Text).MaximumLength(ThankYouNote.TextMaxLength)
            .WithMessage($"Keep the note under {ThankYouNote.TextMaxLength:N0} characters.");
    }
}

/// <summary>A note ready to send: within its lengths, and with something to say.</summary>
public sealed class ThankYouNoteValidator : AbstractValidator<ThankYouNote>
{
    public ThankYouNoteValidator()
    {
        Include(new ThankYouNoteDraftValidator());
        RuleFor(n => n.Text)
            .NotEmpty().WithMessage("Write a few words of thanks.");
    }
}
