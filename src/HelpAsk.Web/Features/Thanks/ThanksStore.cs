using HelpAsk.Core.Domain;
using HelpAsk.Core.Validation;
using HelpAsk.Web.Data;
using HelpAsk.Web.Features.Account;
using HelpAsk.Web.Features.Coaching;
using HelpAsk.Web.Features.Requests;
using HelpAsk.Web.Features.Sending;
using Microsoft.EntityFrameworkCore;

namespace HelpAsk.Web.Features.Thanks;

/// <summary>What a thank-you note is for: a request, a helper in general, or a planned follow-up.</summary>
public abstract record ThanksFor
{
    public sealed record Request(Guid RequestId) : ThanksFor;

    public sealed record Helper(Guid HelperId) : ThanksFor;

    public sealed record FollowUp(Guid FollowUpId) : ThanksFor;
}

/// <summary>What the thanks composer writes.</summary>
public sealed record ThanksContent(string WhatTheyDid, string WhatItCost, string DifferenceItMade, string Text)
{
    public static ThanksContent From(ThankYouNote note) => new(note.WhatTheyDid, note.WhatItCost, note.DifferenceItMade, note.Text);

    public ThankYouNoteParts Parts => new(WhatTheyDid, WhatItCost, DifferenceItMade);

    public void ApplyTo(ThankYouNote note)
    {
        note.WhatTheyDid = WhatTheyDid;
        note.WhatItCost = WhatItCost;
        note.DifferenceItMade = DifferenceItMade;
        note.Text = Text;
    }
}

/// <summary>A line of a helper's thanks.</summary>
public sealed record ThanksSummary(Guid Id, Guid? HelpRequestId, bool IsImpactUpdate, string Text, DateTime CreatedAt, DateTime? SentAt);

/// <summary>
/// The signed-in account's thank-you notes: drafts saved as they are written, then sent by email or by the
/// user; sending moves the request to Thanked and completes a follow-up, on the request's timeline.
/// </summary>
public sealed class ThanksStore(
    IDbContextFactory<HelpAskDbContext> contexts,
    CurrentAccount account,
    Outbox outbox,
    TimeProvider clock)
{
    private static readonly ThankYouNoteDraftValidator DraftValidator = new();
    private static readonly ThankYouNoteValidator ReadyValidator = new();

    /// <summary>The unsent note already started for the same purpose, or a new one; null when the purpose is not this account's.</summary>
    public async Task<ThankYouNote?> StartAsync(ThanksFor purpose, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        await using var db = await contexts.OpenForAsync(account, cancellationToken);
        var found = purpose switch
        {
            ThanksFor.Request r => await db.HelpRequests.Where(x => x.Id == r.RequestId && x.DeletedAt == null && x.HelperId != null)
                .Select(x => new Target(x.HelperId!.Value, x.Id, null)).SingleOrDefaultAsync(cancellationToken),
            ThanksFor.Helper h => await db.Helpers.Where(x => x.Id == h.HelperId)
                .Select(x => new Target(x.Id, null, null)).SingleOrDefaultAsync(cancellationToken),
            ThanksFor.FollowUp f => await db.ImpactFollowUps.Where(x => x.Id == f.FollowUpId && x.DoneAt == null)
                .Select(x => new Target(x.HelperId, x.HelpRequestId, x.Id)).SingleOrDefaultAsync(cancellationToken),
            _ => null,
        };
        if (found is null)
        {
            return null;
        }

        var existing = await db.ThankYouNotes.AsNoTracking().Where(n => n.SentAt == null && n.HelperId == found.HelperId
                && n.HelpRequestId == found.RequestId && n.FollowUpId == found.FollowUpId)
            .OrderByDescending(n => n.UpdatedAt).FirstOrDefaultAsync(cancellationToken);
        if (existing is not null)
        {
            return existing;
        }

        var now = Now;
        var note = new ThankYouNote
        {
            OwnerId = db.Owner!, HelperId = found.HelperId, HelpRequestId = found.RequestId, FollowUpId = found.FollowUpId, CreatedAt = now, UpdatedAt = now,
        };
        db.ThankYouNotes.Add(note);
        await db.SaveChangesAsync(cancellationToken);
        return note;
    }

    public async Task<ThankYouNote?> FindAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.OpenForAsync(account, cancellationToken);
        return await db.ThankYouNotes.AsNoTracking().Include(n => n.Helper).SingleOrDefaultAsync(n => n.Id == id, cancellationToken);
    }

    /// <summary>The follow-up plan a note answers, for the composer's prompt.</summary>
    public async Task<ImpactFollowUp?> FollowUpOfAsync(ThankYouNote note, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(note);
        if (note.FollowUpId is not { } id)
        {
            return null;
        }

        await using var db = await contexts.OpenForAsync(account, cancellationToken);
        return await db.ImpactFollowUps.AsNoTracking().SingleOrDefaultAsync(f => f.Id == id, cancellationToken);
    }

    public async Task<DraftSave<ThanksContent>> SaveAsync(Guid id, Guid expectedVersion, ThanksContent content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        await using var db = await contexts.OpenForAsync(account, cancellationToken);
        var note = await db.ThankYouNotes.SingleOrDefaultAsync(n => n.Id == id, cancellationToken);
        if (note is null)
        {
            return new DraftSave<ThanksContent>.NotFound();
        }

        if (note.SentAt is not null || note.Version != expectedVersion)
        {
            return Clash(note);
        }

        content.ApplyTo(note);
        return await DraftWrite.SaveAsync(db, note, expectedVersion, DraftValidator, Now, async () =>
        {
            await using var fresh = await contexts.OpenForAsync(account, cancellationToken);
            return Clash(await fresh.ThankYouNotes.AsNoTracking().SingleAsync(n => n.Id == id, cancellationToken));
        }, cancellationToken);
    }

    /// <summary>Saved elsewhere first (what is stored now), or sent meanwhile (no longer editable).</summary>
    private static DraftSave<ThanksContent> Clash(ThankYouNote stored) =>
        new DraftSave<ThanksContent>.Conflict(stored.Version, stored.SentAt is null ? ThanksContent.From(stored) : null);

    /// <summary>Emails the note to the helper (replies come to the user) and records it as sent, in one transaction with the outbox.</summary>
    public async Task<RequestChange> SendByEmailAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var sent = await SendAsync(id, note => RequestTracking.CheckEmail(new EmailToSend(note.Helper?.Name, note.Helper?.Email, SubjectOf(note), "give the note yourself")), async (db, note) =>
        {
            var requester = await db.ContactOfAsync(note.OwnerId, cancellationToken);
            outbox.Add(db, new OutgoingEmail(
                note.OwnerId, OutboxPurpose.ThankYouNote, note.Helper!.Email!, note.Helper.Name,
                SubjectOf(note), note.Text.Trim(),
                ReplyTo: requester.Email, ThankYouNoteId: note.Id, SenderName: requester.DisplayName));
            return "Emailed";
        }, cancellationToken);
        outbox.Wake();
        return sent;
    }

    /// <summary>The subject a note is emailed with, by HelpAsk or from the user's own mail program.</summary>
    public static string SubjectOf(ThankYouNote note)
    {
        ArgumentNullException.ThrowIfNull(note);
        return note.IsImpactUpdate ? "What your help made possible" : "Thank you";
    }

    /// <summary>For a note given in person, by chat or by card: recorded as sent, with how.</summary>
    public Task<RequestChange> MarkSentAsync(Guid id, string? how, CancellationToken cancellationToken = default) =>
        SendAsync(id, _ => RequestTracking.CheckSentByHand(how),
            (_, _) => Task.FromResult(string.IsNullOrWhiteSpace(how) ? "By you" : $"By you: {how.Trim()}"), cancellationToken);

    public async Task<IReadOnlyList<ThanksSummary>> ListForHelperAsync(Guid helperId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.OpenForAsync(account, cancellationToken);
        return await db.ThankYouNotes.AsNoTracking()
            .Where(n => n.HelperId == helperId)
            .OrderByDescending(n => n.SentAt ?? n.UpdatedAt)
            .Select(n => new ThanksSummary(n.Id, n.HelpRequestId, n.FollowUpId != null, n.Text, n.CreatedAt, n.SentAt))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Sends a note one way or another: checks it, lets <paramref name="send"/> add what goes with it and say how it
    /// went, records it and its effects on the request and follow-up, and commits all of it at once, or nothing.
    /// </summary>
    private async Task<RequestChange> SendAsync(
        Guid id, Func<ThankYouNote, Outcome> checkThisWay, Func<HelpAskDbContext, ThankYouNote, Task<string>> send, CancellationToken cancellationToken)
    {
        await using var db = await contexts.OpenForAsync(account, cancellationToken);
        var note = await db.ThankYouNotes.Include(n => n.Helper).SingleOrDefaultAsync(n => n.Id == id, cancellationToken);
        if (note is null)
        {
            return new RequestChange.NotFound();
        }

        var outcome = (note.SentAt is not null ? Outcome.Failed("This note was already sent.") : await ReadyValidator.CheckAsync(note, cancellationToken))
            .Then(() => checkThisWay(note));
        if (!outcome.Succeeded)
        {
            return new RequestChange.Invalid(outcome);
        }

        var request = await RecordSentAsync(db, note, await send(db, note), cancellationToken);
        return await CommitAsync(db, request, cancellationToken);
    }

    /// <summary>
    /// Marks the note sent; a first thanks for help moves its request to Helped (if it was not yet) and Thanked,
    /// an impact update completes its follow-up; both go on the request's timeline.
    /// </summary>
    /// <returns>The note's request, if it has one.</returns>
    private async Task<HelpRequest?> RecordSentAsync(HelpAskDbContext db, ThankYouNote note, string via, CancellationToken cancellationToken)
    {
        var now = Now;
        note.SentAt = now;
        note.SentVia = via;
        var who = note.Helper?.Name ?? "them";
        var request = note.HelpRequestId is { } requestId
            ? await db.HelpRequests.SingleOrDefaultAsync(r => r.Id == requestId, cancellationToken)
            : null;

        if (note.FollowUpId is { } followUpId)
        {
            var followUp = await db.ImpactFollowUps.SingleAsync(f => f.Id == followUpId, cancellationToken);
            followUp.DoneAt = now;
            followUp.ThankYouNoteId = note.Id;
            request?.AddNote(now, $"Told {who} what difference their help made ({followUp.Plan})");
            return request;
        }

        if (request is null)
        {
            return null;
        }

        if (request.Status is RequestStatus.Accepted or RequestStatus.AlternativeOffered)
        {
            request.MoveTo(RequestStatus.Helped, now);
        }

        if (request.Status == RequestStatus.Helped)
        {
            request.MoveTo(RequestStatus.Thanked, now, $"Thank-you note to {who} ({via.ToLowerInvariant()})");
        }
        else
        {
            request.AddNote(now, $"Thank-you note to {who} ({via.ToLowerInvariant()})");
        }

        await RequestTracking.RevokeLinksOfClosedAsync(db, request, now, cancellationToken);
        return request;
    }

    /// <summary>Saves; says the request's status as it now is (a declined request thanked for considering stays declined).</summary>
    private static async Task<RequestChange> CommitAsync(HelpAskDbContext db, HelpRequest? request, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return new RequestChange.Done(request?.Status);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new RequestChange.Invalid("This note or its request changed in another tab. Reload the page to see the latest.");
        }
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private sealed record Target(Guid HelperId, Guid? RequestId, Guid? FollowUpId);
}
