using HelpAsk.Core.Domain;
using HelpAsk.Web.Data;

namespace HelpAsk.Web.Features.Notifications;

/// <summary>Tells the asker that a helper answered, in the same unit of work as the answer.</summary>
public sealed class AnswerNotifications(Notifier notifier)
{
    public Task AddAsync(HelpAskDbContext db, HelpRequest request, HelperAnswer answer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return notifier.AddAsync(db, NotificationKind.Answers, request,
            AnswerEmail.Write(HelperName(request), RequestLabel(request), answer.Normalized), cancellationToken);
    }

    public static string HelperName(HelpRequest request) => request?.Helper?.Name is { Length: > 0 } name ? name : "Your helper";

    public static string RequestLabel(HelpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return RequestLabels.Label(request.Title, RequestLabels.Subject(request.Parts));
    }
}

/// <summary>The answer email: who answered what, the helper's words quoted, and what the asker can do next.</summary>
public static class AnswerEmail
{
    public static Letter Write(string helperName, string requestLabel, HelperAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var firstName = RequestMessage.FirstName(helperName);
        var (subject, headline) = answer.Kind switch
        {
            HelperAnswerKind.Yes => ($"{helperName} said yes: {requestLabel}", $"Good news: {helperName} said yes to your request “{requestLabel}”."),
            HelperAnswerKind.Alternative => ($"{helperName} offered another way to help: {requestLabel}",
                $"{helperName} can't do what you asked in “{requestLabel}”, but offered something else."),
            _ => ($"{helperName} answered: {requestLabel}", $"{helperName} can't help with “{requestLabel}” this time."),
        };

        var paragraphs = new List<Paragraph> { new(headline) };
        if (answer.Alternative is { } alternative)
        {
            paragraphs.Add(new Paragraph($"What {firstName} could do instead:", alternative));
        }

        if (answer.Note is { } note)
        {
            paragraphs.Add(new Paragraph($"{firstName}'s note:", note));
        }

        paragraphs.Add(new Paragraph(answer.Kind switch
        {
            HelperAnswerKind.Yes => $"Once {firstName} has helped, mark it on the request and say thanks.",
            HelperAnswerKind.Alternative => $"If their offer works for you, tell {firstName} so; once they have helped, say thanks.",
            _ => $"Saying no is hard too, and {firstName} was kind enough to answer. Two things you could do next: "
                 + $"thank {firstName} for considering it, or ask someone else (“Ask someone else” on the request copies your words into a new draft).",
        }));
        return new Letter(subject, paragraphs);
    }
}
