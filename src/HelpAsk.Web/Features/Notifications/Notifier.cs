using System.Text;
using System.Text.Encodings.Web;
using HelpAsk.Core.Domain;
using HelpAsk.Web.Data;
using HelpAsk.Web.Features.Sending;

namespace HelpAsk.Web.Features.Notifications;

/// <summary>A line of a notification, and optionally someone's own words quoted under it (as text, never markup).</summary>
public sealed record Paragraph(string Line, string? Quoted = null);

/// <summary>What a notification says; <see cref="Notifier"/> adds its link (to the request, unless it says another) and the way to turn its kind off.</summary>
public sealed record Letter(string Subject, IReadOnlyList<Paragraph> Paragraphs, LetterLink? Link = null);

/// <summary>Where a notification takes the asker: a path of the app and the words of the link.</summary>
public sealed record LetterLink(string Words, string Path);

/// <summary>
/// Writes a notification about one of the account's requests into the outbox, in the caller's unit of work, so it is
/// committed with whatever caused it (both or neither) and delivered afterwards like every other email: a plain-text
/// part and a simple HTML part in which every word is encoded, a link to the request, and the kind's unsubscribe link.
/// </summary>
public sealed class Notifier(Outbox outbox, PublicLinks links, UnsubscribeLinks unsubscribeLinks)
{
    /// <summary>Adds the email about a request to <paramref name="db"/>, opened for the request's account; false when the account turned the kind off.</summary>
    public Task<bool> AddAsync(HelpAskDbContext db, NotificationKind kind, HelpRequest request, Letter letter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return AddAsync(db, kind, request.OwnerId, request.Id, letter, cancellationToken);
    }

    /// <summary>Adds the email to <paramref name="db"/>, opened for the account; false when the account turned the kind off.</summary>
    public async Task<bool> AddAsync(HelpAskDbContext db, NotificationKind kind, string ownerId, Guid? requestId, Letter letter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(letter);
        if (!await NotificationSettings.IsOnAsync(db, kind, cancellationToken))
        {
            return false;
        }

        var asker = await db.ContactOfAsync(ownerId, cancellationToken);
        if (string.IsNullOrWhiteSpace(asker.Email))
        {
            return false;
        }

        var link = letter.Link ?? new LetterLink("See the request", $"requests/{requestId}");
        var url = links.To(link.Path);
        var settingsLink = links.To("settings/notifications");
        var about = NotificationKinds.Describe(kind).ToLowerInvariant();
        outbox.Add(db, new OutgoingEmail(
                ownerId, OutboxPurpose.Notification, asker.Email, DisplayName.Normalize(asker.DisplayName), letter.Subject,
                Text(letter, link.Words, url, settingsLink, about), HelpRequestId: requestId,
                HtmlBody: Html(letter, link.Words, url, settingsLink, about), LinkUnsubscribes: true),
            unsubscribeLinks.For(ownerId, kind));
        return true;
    }

    private static string Text(Letter letter, string linkWords, string link, string settingsLink, string about)
    {
        var text = new StringBuilder();
        foreach (var paragraph in letter.Paragraphs)
        {
            text.Append(paragraph.Line).Append('\n');
            foreach (var line in paragraph.Quoted?.ReplaceLineEndings("\n").Split('\n') ?? [])
            {
                text.Append("> ").Append(line).Append('\n');
            }

            text.Append('\n');
        }

        text.Append(linkWords).Append(": ").Append(link).Append("\n\n-- \n")
            .Append("You get this email because \"").Append(about).Append("\" is on in your HelpAsk notification settings (")
            .Append(settingsLink).Append(").\n")
            .Append("Turn these emails off: ").Append(OutboxMessage.LinkPlaceholder).Append('\n');
        return text.ToString();
    }

    private static string Html(Letter letter, string linkWords, string link, string settingsLink, string about)
    {
        var encode = HtmlEncoder.Default;
        var html = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family: sans-serif; line-height: 1.5\">");
        foreach (var paragraph in letter.Paragraphs)
        {
            html.Append("<p>").Append(encode.Encode(paragraph.Line)).Append("</p>");
            if (paragraph.Quoted is { } quoted)
            {
                html.Append("<blockquote style=\"white-space: pre-wrap; border-left: 3px solid #ccc; margin: 0 0 1em; padding-left: 1em\">")
                    .Append(encode.Encode(quoted)).Append("</blockquote>");
            }
        }

        html.Append("<p><a href=\"").Append(encode.Encode(link)).Append("\">").Append(encode.Encode(linkWords)).Append("</a></p>")
            .Append("<hr><p style=\"font-size: small; color: #555\">You get this email because “").Append(encode.Encode(about))
            .Append("” is on in your <a href=\"").Append(encode.Encode(settingsLink)).Append("\">HelpAsk notification settings</a>. ")
            // The placeholder is replaced with the encoded link at delivery.
            .Append("<a href=\"").Append(OutboxMessage.LinkPlaceholder).Append("\">Turn these emails off</a>.</p></body></html>");
        return html.ToString();
    }
}
