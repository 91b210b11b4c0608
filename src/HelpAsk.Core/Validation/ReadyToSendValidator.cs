using FluentValidation;
using HelpAsk.Core.Domain;

namespace HelpAsk.Core.Validation;

/// <summary>What a request needs before it goes out (once: a sent request is not sent again): one helper, a clear ask with an effort estimate, and the message itself.</summary>
public sealed class ReadyToSendValidator : AbstractValidator<HelpRequest>
{
    private const string NoHelper = "Choose the one person you are asking.";
    private const string NoSituation = "Say what is going on, so they know there is a need.";
    private const string NoSignal = "Say plainly that you are asking for help.";
    private const string NoAsk = "Say exactly what you need.";
    private const string NoEffort = "Say roughly how long it will take them, so they can judge whether they can.";

    public ReadyToSendValidator()
    {
        RuleFor(r => r.Status).Equal(RequestStatus.Draft).WithMessage("This request was already sent.");
        When(r => r.Status == RequestStatus.Draft, () =>
        {
            Include(new HelpRequestDraftValidator());
            RuleFor(r => r.HelperId).NotNull().WithMessage(NoHelper);
            RuleFor(r => r.Situation).NotEmpty().WithMessage(NoSituation);
            RuleFor(r => r.Signal).NotEmpty().WithMessage(NoSignal);
            RuleFor(r => r.WhatINeed).NotEmpty().WithMessage(NoAsk);
            RuleFor(r => r.EffortEstimate).NotEmpty().WithMessage(NoEffort);
            RuleFor(r => r.ComposedText).NotEmpty().WithMessage("The message is empty.");
        });
    }

    /// <summary>What a draft still lacks before it can be sent, as the composer shows it while the message is not put together yet.</summary>
    public static IReadOnlyList<string> StillMissing(Guid? helperId, MessageParts parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        return [.. new (bool Missing, string Message)[]
        {
            (helperId is null, NoHelper),
            (!NotBeBlank(parts.Situation), NoSituation),
            (!NotBeBlank(parts.Signal), NoSignal),
            (!NotBeBlank(parts.WhatINeed), NoAsk),
            (!NotBeBlank(parts.EffortEstimate), NoEffort),
        }.Where(p => p.Missing).Select(p => p.Message)];
    }

    private static bool NotBeBlank(string text) => !string.IsNullOrWhiteSpace(text);
}
