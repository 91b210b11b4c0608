using System.Globalization;
using HelpAsk.Core.Analysis;
using HelpAsk.Core.Domain;
using HelpAsk.Core.Text;
using HelpAsk.Core.Validation;
using HelpAsk.Web.Data;
using HelpAsk.Web.Features.Account;
using HelpAsk.Web.Features.Sending;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpAsk.Web.Features.Requests;

/// <summary>The outcome of sending a request or changing its status.</summary>
public abstract record RequestChange
{
    /// <summary>Done; <paramref name="Status"/> is the request's status now (null for a thank-you note with no request).</summary>
    public sealed record Done(RequestStatus? Status) : RequestChange;

    public sealed record Invalid(Outcome Outcome) : RequestChange
    {
        public Invalid(string error)
            : this(Outcome.Failed(error))
        {
        }

        /// <summary>Each message once, as a page lists them.</summary>
        public IReadOnlyList<string> Errors => Outcome.Errors;
    }

    public sealed record NotFound : RequestChange;
}

/// <summary>A request's answer link as the requester sees it (the token itself is never kept).</summary>
public sealed record AnswerLinkState(DateTime CreatedAt, DateTime ExpiresAt, DateTime? RevokedAt)
{
    public bool IsUsableAt(DateTime now) => RevokedAt is null && now < ExpiresAt;
}

/// <summary>
/// Sends the signed-in account's requests and follows them up: email through the outbox with a personal
/// answer link, "I sent it myself", answers received elsewhere, cancelling, and revoking links.
/// </summary>
public sealed class RequestTracking(
    IDbContextFactory<HelpAskDbContext> contexts,
    CurrentAccount account,
    Outbox outbox,
    PublicLinks links,
    IOptions<EmailOptions> email,
    PitfallAnalyzer analyzer,
    TimeProvider clock)
{
    public const int SubjectMaxLength = EmailToSend.SubjectMaxLength;
    public const int NoteMaxLength = NoteRules.MaxLength;
    private static readonly ReadyToSendValidator ReadyToSend = new();
    private static readonly EmailToSendValidator EmailRules = new();
    private static readonly SentByHandValidator SentByHandRules = new();
    private static readonly StatusChangeValidator StatusRules = new();

    /// <summary>
    /// Emails the request to its helper with a personal answer link. The request becomes Sent and the email
    /// enters the outbox in one transaction; delivery follows in the background.
    /// </summary>
    public async Task<RequestChange> SendByEmailAsync(Guid id, string subject, CancellationToken cancellationToken = default)
    {
        subject = (subject ?? "").Trim();
        var sent = await SendAsync(id, request => CheckEmail(new EmailToSend(request.Helper?.Name, request.Helper?.Email, subject, "send the message yourself")), async (db, request, owner) =>
        {
            var now = Now;
            var (link, token) = ResponseLink.Issue(request.Id, now, email.Value.AnswerLinkLifetime);
            db.ResponseLinks.Add(link);
            request.MoveTo(RequestStatus.Sent, now, $"Emailed to {request.Helper!.Name}");
            var requester = await db.ContactOfAsync(owner, cancellationToken);
            outbox.Add(db, new OutgoingEmail(
                owner, OutboxPurpose.HelpRequest, request.Helper.Email!, request.Helper.Name, subject,
                EmailBody(request.ComposedText, link.ExpiresAt, CultureInfo.CurrentCulture), ReplyTo: requester.Email, HelpRequestId: request.Id,
                SenderName: requester.DisplayName),
                links.To($"answer/{token}"));
        }, cancellationToken);
        outbox.Wake();
        return sent;
    }

    /// <summary>For a request sent by chat, in person or from the user's own mail: it becomes Sent, with how.</summary>
    public Task<RequestChange> MarkSentAsync(Guid id, string? how, CancellationToken cancellationToken = default) =>
        SendAsync(id, _ => CheckSentByHand(how), (_, request, _) =>
        {
            request.MoveTo(RequestStatus.Sent, Now, string.IsNullOrWhiteSpace(how) ? "Sent by you" : $"Sent by you: {how.Trim()}");
            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>Whether an email can go: a one-line subject, and a helper with an address (or else <see cref="EmailToSend.OtherWay"/>).</summary>
    public static Outcome CheckEmail(EmailToSend email) => EmailRules.Check(email);

    /// <summary>The user's note on how they sent or gave something themselves: optional, within its length.</summary>
    public static Outcome CheckSentByHand(string? how) => SentByHandRules.Check(new SentByHand(how));

    /// <summary>
    /// Sends a ready draft one way or another: checks it, lets <paramref name="send"/> move it to Sent (and add what
    /// goes with it), records its pitfalls, and commits all of it in one transaction, or writes nothing.
    /// </summary>
    private async Task<RequestChange> SendAsync(
        Guid id, Func<HelpRequest, Outcome> checkThisWay, Func<HelpAskDbContext, HelpRequest, string, Task> send, CancellationToken cancellationToken)
    {
        await using var db = await contexts.OpenForAsync(account, cancellationToken);
        var request = await db.HelpRequests.Include(r => r.Helper)
            .SingleOrDefaultAsync(r => r.Id == id && r.DeletedAt == null, cancellationToken);
        if (request is null)
        {
            return new RequestChange.NotFound();
        }

        var outcome = (await CheckReadyToSendAsync(request, cancellationToken)).Then(() => checkThisWay(request));
        if (!outcome.Succeeded)
        {
            return new RequestChange.Invalid(outcome);
        }

        await send(db, request, request.OwnerId);
        request.PitfallsAtSend = await PitfallsShownAsync(db, request, cancellationToken);
        return await CommitAsync(db, request, cancellationToken);
    }

    /// <summary>Records a change the user learned of elsewhere (an answer in the corridor, help given, a cancellation).</summary>
    public async Task<RequestChange> ChangeStatusAsync(Guid id, RequestStatus next, string? note, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.OpenForAsync(account, cancellationToken);
        var request = await db.HelpRequests.SingleOrDefaultAsync(r => r.Id == id && r.DeletedAt == null, cancellationToken);
        if (request is null)
        {
            return new RequestChange.NotFound();
        }

        var change = StatusRules.Check(new StatusChange(request.Status, next, note));
        if (!change.Succeeded)
        {
            return new RequestChange.Invalid(change);
        }

        var now = Now;
        request.MoveTo(next, now, string.IsNullOrWhiteSpace(note) ? null : note.Trim());
        await RevokeLinksOfClosedAsync(db, request, now, cancellationToken);

        return await CommitAsync(db, request, cancellationToken);
    }

    /// <summary>The answer links of a request, newest first; empty for another account's request.</summary>
    public async Task<IReadOnlyList<AnswerLinkState>> AnswerLinksAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.OpenForAsync(account, cancellationToken);
        return await db.ResponseLinks.AsNoTracking()
            .Where(l => l.HelpRequestId == id && db.HelpRequests.Any(r => r.Id == id))
            .OrderByDescending(l => l.CreatedAt)
            .Select(l => new AnswerLinkState(l.CreatedAt, l.ExpiresAt, l.RevokedAt))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Makes every answer link of the request stop working at once.</summary>
    public async Task<bool> RevokeAnswerLinksAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.OpenForAsync(account, cancellationToken);
        var request = await db.HelpRequests.SingleOrDefaultAsync(r => r.Id == id && r.DeletedAt == null, cancellationToken);
        if (request is null)
        {
            return false;
        }

        var now = Now;
        if (await RevokeLinksAsync(db, id, now, cancellationToken) > 0)
        {
            request.AddNote(now, "Answer link revoked");
        }

        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Once a request is closed (helped, thanked, cancelled, however it got there) nothing is left to answer, so no
    /// link of it may still work. Every way of closing a request calls this.
    /// </summary>
    internal static async Task RevokeLinksOfClosedAsync(HelpAskDbContext db, HelpRequest request, DateTime now, CancellationToken cancellationToken)
    {
        if (!request.IsOpenForAnswers && request.Status != RequestStatus.Draft)
        {
            await RevokeLinksAsync(db, request.Id, now, cancellationToken);
        }
    }

    private static async Task<int> RevokeLinksAsync(HelpAskDbContext db, Guid requestId, DateTime now, CancellationToken cancellationToken)
    {
        var live = await db.ResponseLinks.Where(l => l.HelpRequestId == requestId && l.RevokedAt == null).ToListAsync(cancellationToken);
        foreach (var link in live)
        {
            link.Revoke(now);
        }

        return live.Count;
    }

    /// <summary>
    /// The pitfalls the review showed the user in the message as sent: with their coaching choices (rules switched off,
    /// phrases allowed, occurrences ignored), so what they chose to keep is not counted against their habits.
    /// </summary>
    private async Task<int> PitfallsShownAsync(HelpAskDbContext db, HelpRequest request, CancellationToken cancellationToken)
    {
        var preferences = await db.CoachingPreferences.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        var options = preferences?.ToAnalyzerOptions() ?? new AnalyzerOptions();
        return analyzer.Analyze(request.ComposedText, MessageKind.Request, options).Count(f => f.Kind == FindingKind.Pitfall);
    }

    /// <summary>What stands between a request and sending it (already sent, or a part still missing); done when it can go.</summary>
    public static Task<Outcome> CheckReadyToSendAsync(HelpRequest request, CancellationToken cancellationToken = default) =>
        ReadyToSend.CheckAsync(request, cancellationToken);

    private static async Task<RequestChange> CommitAsync(HelpAskDbContext db, HelpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another tab changed the request in the meantime; nothing of this change was written.
            return new RequestChange.Invalid("This request changed in another tab. Reload the page to see its latest state.");
        }

        return new RequestChange.Done(request.Status);
    }

    /// <summary>
    /// The message, then how to answer: replying works, and so does one click, with "no" as easy as "yes". The date is
    /// written in the asker's culture, like the message above it.
    /// </summary>
    public static string EmailBody(string message, DateTime linkExpiresAt, CultureInfo culture) =>
        $"""
        {message.Trim()}

        ---
        You can answer by replying to this email, or in one click on this page (no account needed):
        {OutboxMessage.LinkPlaceholder}

        "Not this time" is a perfectly good answer too. The link is personal to you and works until {CultureDates.Long(DateOnly.FromDateTime(linkExpiresAt), culture)}.
        """;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
