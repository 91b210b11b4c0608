using System.Text;
using System.Text.Encodings.Web;
using HelpAsk.Core.Domain;
using HelpAsk.Web.Data;
using HelpAsk.Web.Features.Sending;

namespace HelpAsk.Web.Features.Notifications;

/// <summary>
/// Tells the asker that a helper answered: an email written into the outbox in the caller's unit of work, so it is
/// committed with the answer itself (both or neither) and delivered afterwards like every other email.
/// </summary>
public sealed class AnswerNotifications(Outbox outbox, PublicLinks links, UnsubscribeLinks unsubscribeLinks)
{
    /// <summary>Adds the email to <paramref name="db"/>, opened for the request's account, unless the account turned answers off.</summary>
    public async Task AddAsync(HelpAskDbContext db, HelpRequest request, HelperAnswer answer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(answer);
        if (!await NotificationSettings.IsOnAsync(db, NotificationKind.Answers, cancellationToken))
        {
            return;
        }

        var asker = await db.ContactOfAsync(request.OwnerId, cancellationToken);
        if (string.IsNullOrWhiteSpace(asker.Email))
        {
            return;
        }

        var email = AnswerEmail.Write(
            request.Helper?.Name is { Length: > 0 } name ? name : "Your helper",
            RequestLabels.Label(request.Title, RequestLabels.Subject(request.Parts)),
            answer.Normalized,
            links.To($"requests/{request.Id}"),
            links.To("settings/notifications"));
        outbox.Add(db, new OutgoingEmail(
                request.OwnerId, OutboxPurpose.Notification, asker.Email, DisplayName.Normalize(asker.DisplayName), email.Subject, email.Text,
                HelpRequestId: request.Id, HtmlBody: email.Html, LinkUnsubscribes: true),
            unsubscribeLinks.For(request.OwnerId, NotificationKind.Answers));
    }
}

/// <summary>A notification's words: a subject, a plain-text body and the same as simple HTML, every word of a person encoded.</summary>
public sealed record NotificationEmail(string Subject, string Text, string Html);

/// <summary>The answer email. The helper's words are quoted as text: in the HTML part they are encoded, never markup.</summary>
public static class AnswerEmail
{
    public static NotificationEmail Write(string helperName, string requestLabel, HelperAnswer answer, string requestLink, string settingsLink)
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

        return new NotificationEmail(subject, Text(paragraphs, requestLink, settingsLink), Html(paragraphs, requestLink, settingsLink));
    }

    /// <summary>A line of the email, and optionally someone's own words quoted under it.</summary>
    private sealed record Paragraph(string Line, string? Quoted = null);

    private static string Text(IEnumerable<Paragraph> paragraphs, string requestLink, string settingsLink)
    {
        var text = new StringBuilder();
        foreach (var paragraph in paragraphs)
        {
            text.Append(paragraph.Line).Append('\n');
            foreach (var line in paragraph.Quoted?.ReplaceLineEndings("\n").Split('\n') ?? [])
            {
                text.Append("> ").Append(line).Append('\n');
            }

            text.Append('\n');
        }

        text.Append("See the request: ").Append(requestLink).Append("\n\n-- \n")
            .Append("You get this email because answers are on in your HelpAsk notification settings (").Append(settingsLink).Append(").\n")
            .Append("Turn these emails off: ").Append(OutboxMessage.LinkPlaceholder).Append('\n');
        return text.ToString();
    }

    private static string Html(IEnumerable<Paragraph> paragraphs, string requestLink, string settingsLink)
    {
        var encode = HtmlEncoder.Default;
        var html = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family: sans-serif; line-height: 1.5\">");
        foreach (var paragraph in paragraphs)
        {
            html.Append("<p>").Append(encode.Encode(paragraph.Line)).Append("</p>");
            if (paragraph.Quoted is { } quoted)
            {
                html.Append("<blockquote style=\"white-space: pre-wrap; border-left: 3px solid #ccc; margin: 0 0 1em; padding-left: 1em\">")
                    .Append(encode.Encode(quoted)).Append("</blockquote>");
            }
        }

        html.Append("<p><a href=\"").Append(encode.Encode(requestLink)).Append("\">See the request</a></p>")
            .Append("<hr><p style=\"font-size: small; color: #555\">You get this email because answers are on in your ")
            .Append("<a href=\"").Append(encode.Encode(settingsLink)).Append("\">HelpAsk notification settings</a>. ")
            // The placeholder is replaced with the encoded link at delivery.
            .Append("<a href=\"").Append(OutboxMessage.LinkPlaceholder).Append("\">Turn these emails off</a>.</p></body></html>");
        return html.ToString();
    }
}
