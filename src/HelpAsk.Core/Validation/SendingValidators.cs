using FluentValidation;
using HelpAsk.Core.Domain;

namespace HelpAsk.Core.Validation;

/// <summary>A request or thank-you note going out by email from HelpAsk.</summary>
/// <param name="OtherWay">What the user can do instead when the helper has no address ("send the message yourself").</param>
public sealed record EmailToSend(string? HelperName, string? HelperEmail, string Subject, string OtherWay)
{
    public const int SubjectMaxLength = 200;
}

/// <summary>An email needs someone with an address to go to, and a subject on one line.</summary>
public sealed class EmailToSendValidator : AbstractValidator<EmailToSend>
{
    private static readonly string OneLine = $"Keep the subject to one line under {EmailToSend.SubjectMaxLength} characters.";

    public EmailToSendValidator()
    {
        RuleFor(e => e.Subject).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Give the email a subject.")
            .MaximumLength(EmailToSend.SubjectMaxLength).WithMessage(OneLine)
            .Must(s => !s.Contains('\n', StringComparison.Ordinal) && !s.Contains('\r', StringComparison.Ordinal)).WithMessage(OneLine);
        RuleFor(e => e.HelperEmail).NotEmpty()
            .WithMessage(e => $"{e.HelperName ?? "The helper"} has no email address yet: add one on their page, or {e.OtherWay}.");
    }
}

/// <summary>Something the user sent or gave themselves (by chat, in person, from their own mail), with how, if they say.</summary>
public sealed record SentByHand(string? How);

public sealed class SentByHandValidator : AbstractValidator<SentByHand>
{
    public SentByHandValidator() => RuleFor(s => s.How).ShortNote();
}

/// <summary>A status change the user records by hand (an answer heard elsewhere, help given, a cancellation), with an optional note.</summary>
public sealed record StatusChange(RequestStatus From, RequestStatus To, string? Note);

public sealed class StatusChangeValidator : AbstractValidator<StatusChange>
{
    public StatusChangeValidator()
    {
        RuleFor(c => c.To).Cascade(CascadeMode.Stop)
            .Must((c, to) => c.From != RequestStatus.Draft || to != RequestStatus.Sent).WithMessage("Use Send to send a draft.")
            .Must((c, to) => Enum.IsDefined(to) && RequestStatusFlow.CanMove(c.From, to))
            .WithMessage("That change doesn't fit where this request is now. Reload the page to see its latest status.");
        RuleFor(c => c.Note).ShortNote();
    }
}

/// <summary>The user's own note on how something was sent or what happened: optional, and short.</summary>
public static class NoteRules
{
    public const int MaxLength = 1_000;

    public static IRuleBuilderOptions<T, string?> ShortNote<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(note => (note?.Trim().Length ?? 0) <= MaxLength).WithMessage($"Keep the note under {MaxLength:N0} characters.");
}
