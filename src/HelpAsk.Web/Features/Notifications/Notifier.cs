using System.Text;
using System.Text.Encodings.Web;
using HelpAsk.Core.Domain;
using HelpAsk.Web.Data;
using HelpAsk.Web.Features.Sending;

namespace HelpAsk.Web.Features.Notifications;

/// <summary>A line of a notification, optionally someone's own words quoted under it (as text, never markup) and a link after it.</summary>
public sealed record Paragraph(string Line, string? Quoted = null, LetterLink? Link = null);

/// <summary>What a notification says; <see cref="Notifier"/> adds its link (to the request, unless it says another) and the way to turn its kind off.</summary>
public sealed record Letter(string Subject, IReadOnlyList<Paragraph> Paragraphs, LetterLink? Link = null);

/// <summary>Where a notification takes the asker: a path of the app and the words of the link.</summary>
public sealed record LetterLink(string Words, string Path);

/// <summary>
/// Writes a notification about one of the account's requests into the outbox, in the caller's unit of work, so it is
/// committed with whatever caused it (both or neither) and delivered afterwards like every other email: a plain-text
/// part and a simple HTML part in which every word is encoded, a link to the request, and the kind's unsubscribe link.
/// For an account that chose the daily digest, it is kept as a <see cref="DigestEntry"/> instead, and
/// <see cref="DailyDigests"/> gathers the day's entries into one email.
/// </summary>
public sealed class Notifier(Outbox outbox, PublicLinks links, UnsubscribeLinks unsubscribeLinks, TimeProvider clock)
{
    /// <summary>Adds the email about a request to <paramref name="db"/>, opened for the request's account; false when the account turned the kind off.</summary>
    public Task<bool> AddAsync(HelpAskDbContext db, NotificationKind kind, HelpRequest request, Letter letter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return AddAsync(db, kind, request.OwnerId, request.Id, letter, cancellationToken);
    }

    /// <summary>Adds the email (or the digest's entry) to <paramref name="db"/>, opened for the account; false when the account turned the kind off.</summary>
    public async Task<bool> AddAsync(HelpAskDbContext db, NotificationKind kind, string ownerId, Guid? requestId, Letter letter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(letter);
        if (!await NotificationSettings.IsOnAsync(db, kind, cancellationToken))
        {
            return false;
        }

        letter = letter with { Link = letter.Link ?? new LetterLink("See the request", $"requests/{requestId}") };
        if (await NotificationSettings.DigestIsOnAsync(db, ownerId, cancellationToken))
        {
            db.DigestEntries.Add(new DigestEntry
            {
                OwnerId = ownerId, Kind = kind, HelpRequestId = requestId, Letter = DigestEntry.Store(letter), At = clock.GetUtcNow().UtcDateTime,
            });
            return true;
        }

        return await SendAsync(db, ownerId, requestId, letter, NotificationKinds.Describe(kind).ToLowerInvariant(), unsubscribeLinks.For(ownerId, kind), cancellationToken);
    }

    /// <summary>Adds one email gathering the digest's entries, each under its own subject with its own link.</summary>
    public Task<bool> AddDigestAsync(HelpAskDbContext db, string ownerId, string day, IReadOnlyList<DigestEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var paragraphs = new List<Paragraph>();
        foreach (var letter in entries.Select(e => e.Read()))
        {
            paragraphs.Add(new Paragraph($"■ {letter.Subject}"));
            paragraphs.AddRange(letter.Paragraphs.SkipLast(1));
            paragraphs.Add(letter.Paragraphs[^1] with { Link = letter.Link });
        }

        var count = entries.Count == 1 ? "1 update" : $"{entries.Count} updates";
        var digest = new Letter($"Your HelpAsk day, {day}: {count}", paragraphs, new LetterLink("Open HelpAsk", ""));
        return SendAsync(db, ownerId, null, digest, NotificationSettings.DigestDescription.ToLowerInvariant(), unsubscribeLinks.ForEveryKind(ownerId), cancellationToken);
    }

    private async Task<bool> SendAsync(HelpAskDbContext db, string ownerId, Guid? requestId, Letter letter, string about, string unsubscribeLink, CancellationToken cancellationToken)
    {
        var asker = await db.ContactOfAsync(ownerId, cancellationToken);
        if (string.IsNullOrWhiteSpace(asker.Email))
        {
            return false;
        }

        outbox.Add(db, new OutgoingEmail(
                ownerId, OutboxPurpose.Notification, asker.Email, DisplayName.Normalize(asker.DisplayName), letter.Subject,
                Text(letter, about), HelpRequestId: requestId, HtmlBody: Html(letter, about), LinkUnsubscribes: true),
            unsubscribeLink);
        return true;
    }

    private string Text(Letter letter, string about)
    {
        var text = new StringBuilder();
        foreach (var paragraph in letter.Paragraphs)
        {
            text.Append(paragraph.Line).Append('\n');
            foreach (var line in paragraph.Quoted?.ReplaceLineEndings("\n").Split('\n') ?? [])
            {
                text.Append("> ").Append(line).Append('\n');
            }

            if (paragraph.Link is { } link)
            {
                text.Append(link.Words).Append(": ").Append(links.To(link.Path)).Append('\n');
            }

            text.Append('\n');
        }

        text.Append(letter.Link!.Words).Append(": ").Append(links.To(letter.Link.Path)).Append("\n\n-- \n")
            .Append("You get this email because \"").Append(about).Append("\" is on in your HelpAsk notification settings (")
            .Append(links.To("settings/notifications")).Append(").\n")
            .Append("Turn these emails off: ").Append(OutboxMessage.LinkPlaceholder).Append('\n');
        return text.ToString();
    }

    private string Html(Letter letter, string about)
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

            if (paragraph.Link is { } link)
            {
                AppendLink(html, link);
            }
        }

        AppendLink(html, letter.Link!);
        html.Append("<hr><p style=\"font-size: small; color: #555\">You get this email because “").Append(encode.Encode(about))
            .Append("” is on in your <a href=\"").Append(encode.Encode(links.To("settings/notifications"))).Append("\">HelpAsk notification settings</a>. ")
            // The placeholder is replaced with the encoded link at delivery.
            .Append("<a href=\"").Append(OutboxMessage.LinkPlaceholder).Append("\">Turn these emails off</a>.</p></body></html>");
        return html.ToString();
    }

    private void AppendLink(StringBuilder html, LetterLink link) =>
        html.Append("<p><a href=\"").Append(HtmlEncoder.Default.Encode(links.To(link.Path))).Append("\">").Append(HtmlEncoder.Default.Encode(link.Words)).Append("</a></p>");
}
