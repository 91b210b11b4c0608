using HelpAsk.Core.Domain;
using HelpAsk.Core.Validation;
using HelpAsk.Web.Data;
using HelpAsk.Web.Features.Notifications;
using HelpAsk.Web.Features.Sending;
using Microsoft.EntityFrameworkCore;

namespace HelpAsk.Web.Features.Answers;

/// <summary>What a helper sees through their link: the message and who sent it, nothing else of the account.</summary>
public sealed record AnswerInvitation(
    string RequesterName, string HelperName, string Message, DateOnly? NeededBy, HelperAnswer? CurrentAnswer);

public abstract record AnswerOutcome
{
    public sealed record Recorded(HelperAnswer Answer) : AnswerOutcome;

    public sealed record Invalid(Outcome Outcome) : AnswerOutcome;

    /// <summary>Wrong, expired, revoked, or its request closed: the helper learns nothing more than that.</summary>
    public sealed record LinkNotValid : AnswerOutcome;

    /// <summary>Other answers to the same request kept arriving at the same moment: this one was not stored.</summary>
    public sealed record NotStoredTryAgain : AnswerOutcome;
}

/// <summary>The helper's side: no account, only the token of a personal link, looked up by its hash.</summary>
public sealed class HelperAnswers(IDbContextFactory<HelpAskDbContext> contexts, AnswerNotifications notifications, Outbox outbox, TimeProvider clock)
{
    private static readonly HelperAnswerValidator Validator = new();

    public async Task<AnswerInvitation?> FindAsync(string? token, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var request = await FindRequestAsync(db, token, cancellationToken);
        if (request is null)
        {
            return null;
        }

        var requester = await db.ContactOfAsync(request.OwnerId, cancellationToken);
        return new AnswerInvitation(
            requester.ShownName, request.Helper?.Name ?? "", request.ComposedText, request.NeededBy,
            await CurrentAnswerAsync(db, request.Id, cancellationToken));
    }

    public Task<AnswerOutcome> AnswerAsync(string? token, HelperAnswer answer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return AnswerAsync(token, answer, attempt: 1, cancellationToken);
    }

    /// <summary>
    /// How many times an answer is taken again on a fresh copy when the request changed under it (the asker, or the
    /// same helper's second click) or the database was busy. A double click needs one more; only a flood of answers to
    /// one link outlasts them, and then the helper is asked to send again rather than shown an error.
    /// </summary>
    internal const int Attempts = 5;

    private async Task<AnswerOutcome> AnswerAsync(string? token, HelperAnswer answer, int attempt, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var request = await FindRequestAsync(db, token, cancellationToken, track: true);
        if (request is null)
        {
            return new AnswerOutcome.LinkNotValid();
        }

        var validation = await Validator.CheckAsync(answer, cancellationToken);
        if (!validation.Succeeded)
        {
            return new AnswerOutcome.Invalid(validation);
        }

        // The same answer again (Back, then Send once more) is already recorded: nothing changes, nothing is added.
        if (request.Status == answer.Status && await CurrentAnswerAsync(db, request.Id, cancellationToken) == answer.Normalized)
        {
            return new AnswerOutcome.Recorded(answer);
        }

        request.RecordAnswer(answer, Now);
        // The asker's email is committed with the answer, or not at all; a retry below starts over with a fresh context.
        await notifications.AddAsync(db, request, answer, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException failure) when (failure is DbUpdateConcurrencyException || DatabaseErrors.IsBusy(failure))
        {
            // The request changed at the same moment, or the database was busy: nothing of this attempt was stored, so
            // take the answer again on a fresh copy (which may find it already recorded).
            return attempt < Attempts
                ? await AnswerAsync(token, answer, attempt + 1, cancellationToken)
                : new AnswerOutcome.NotStoredTryAgain();
        }

        outbox.Wake();
        return new AnswerOutcome.Recorded(answer);
    }

    private async Task<HelpRequest?> FindRequestAsync(HelpAskDbContext db, string? token, CancellationToken cancellationToken, bool track = false)
    {
        if (ResponseLink.HashOrNull(token) is not { } hash)
        {
            return null;
        }

        // The token is the helper's only key, and it opens one request of one account: from here on this context acts
        // for that account, so everything else it reads goes through the ownership filter like any account's own page.
        var link = await db.ResponseLinks.IgnoreQueryFilters([HelpAskDbContext.Ownership]).AsNoTracking()
            .SingleOrDefaultAsync(l => l.TokenHash == hash, cancellationToken);
        if (link is null || !link.IsUsableAt(Now))
        {
            return null;
        }

        db.Owner = await db.HelpRequests.IgnoreQueryFilters([HelpAskDbContext.Ownership])
            .Where(r => r.Id == link.HelpRequestId).Select(r => r.OwnerId).SingleAsync(cancellationToken);

        var requests = track ? db.HelpRequests : db.HelpRequests.AsNoTracking();
        var request = await requests.Include(r => r.Helper)
            .SingleOrDefaultAsync(r => r.Id == link.HelpRequestId && r.DeletedAt == null, cancellationToken);
        // A closed request's link is as dead as a forged one: the same 410, nothing about the asker.
        return request is { IsOpenForAnswers: true } ? request : null;
    }

    private static async Task<HelperAnswer?> CurrentAnswerAsync(HelpAskDbContext db, Guid requestId, CancellationToken cancellationToken)
    {
        var lastAnswer = await db.RequestEvents.AsNoTracking()
            .Where(e => e.HelpRequestId == requestId && e.Kind == RequestEventKind.Answered)
            .OrderByDescending(e => e.At)
            .FirstOrDefaultAsync(cancellationToken);
        return lastAnswer is null ? null : AnswerOf(lastAnswer);
    }

    private static HelperAnswer AnswerOf(RequestEvent answered) => answered.ToStatus switch
    {
        RequestStatus.Accepted => new HelperAnswer(HelperAnswerKind.Yes, null, answered.Note),
        RequestStatus.AlternativeOffered => new HelperAnswer(HelperAnswerKind.Alternative, answered.Detail, answered.Note),
        _ => new HelperAnswer(HelperAnswerKind.NotThisTime, null, answered.Note),
    };

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
