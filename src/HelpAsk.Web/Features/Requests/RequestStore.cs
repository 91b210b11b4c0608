using FluentValidation;
using HelpAsk.Core.Domain;
using HelpAsk.Core.Validation;
using HelpAsk.Web.Data;
using HelpAsk.Web.Features.Account;
using HelpAsk.Web.Features.Coaching;
using Microsoft.EntityFrameworkCore;

namespace HelpAsk.Web.Features.Requests;

/// <summary>What the composer writes to a draft: the five parts, the helper and the composed message.</summary>
public sealed record DraftContent(
    string Title,
    Guid? HelperId,
    string Situation,
    string Signal,
    string WhatINeed,
    DateOnly? NeededBy,
    string EffortEstimate,
    string WhyThisPerson,
    string Openness,
    string ComposedText)
{
    public static DraftContent From(HelpRequest request) => new(
        request.Title, request.HelperId, request.Situation, request.Signal, request.WhatINeed, request.NeededBy,
        request.EffortEstimate, request.WhyThisPerson, request.Openness, request.ComposedText);

    public MessageParts Parts => new(Situation, Signal, WhatINeed, NeededBy, EffortEstimate, WhyThisPerson, Openness);

    public void ApplyTo(HelpRequest request)
    {
        request.Title = Title.Trim();
        request.HelperId = HelperId;
        request.Situation = Situation;
        request.Signal = Signal;
        request.WhatINeed = WhatINeed;
        request.NeededBy = NeededBy;
        request.EffortEstimate = EffortEstimate;
        request.WhyThisPerson = WhyThisPerson;
        request.Openness = Openness;
        request.ComposedText = ComposedText;
    }
}

/// <summary>A line of the requests list.</summary>
public sealed record RequestSummary(Guid Id, string Title, RequestStatus Status, Guid? HelperId, string? HelperName, DateTime CreatedAt, DateTime UpdatedAt, DateTime? SentAt);

/// <summary>Which requests to list: by status, by helper, and words to search for.</summary>
public sealed record RequestFilter(RequestStatus? Status = null, Guid? HelperId = null, string? Search = null);

/// <summary>One page of the requests list and how many requests match in all.</summary>
public sealed record RequestListPage(IReadOnlyList<RequestSummary> Rows, int Total);

/// <summary>The signed-in account's help requests. Another account's request is, to this class, one that does not exist.</summary>
public sealed class RequestStore(
    IDbContextFactory<HelpAskDbContext> contexts,
    CurrentAccount account,
    IValidator<HelpRequest> draftValidator,
    TimeProvider clock)
{
    /// <summary>How long a deleted draft can still be restored.</summary>
    public static readonly TimeSpan UndoWindow = TimeSpan.FromDays(1);

    public async Task<HelpRequest> StartDraftAsync(string title = "", CancellationToken cancellationToken = default)
    {
        var draft = HelpRequest.StartDraft(await account.GetIdAsync(), Now, title);
        await using var db = await contexts.OpenForAsync(account, cancellationToken);
        db.HelpRequests.Add(draft);
        await db.SaveChangesAsync(cancellationToken);
        return draft;
    }

    /// <summary>"Ask someone else": a new draft with the words of a request that was declined or went unanswered; null otherwise.</summary>
    public async Task<HelpRequest?> AskSomeoneElseAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.OpenForAsync(account, cancellationToken);
        var original = await db.HelpRequests.AsNoTracking()
            .SingleOrDefaultAsync(r => r.Id == id && r.DeletedAt == null, cancellationToken);
        if (original is null || !RequestStatusFlow.CanAskSomeoneElse(original.Status))
        {
            return null;
        }

        var copy = original.CopyForAnotherHelper(Now);
        db.HelpRequests.Add(copy);
        await db.SaveChangesAsync(cancellationToken);
        return copy;
    }

    /// <summary>The request with its helper and timeline, or null when this account has none with that id.</summary>
    public async Task<HelpRequest?> FindAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.OpenForAsync(account, cancellationToken);
        return await db.HelpRequests.AsNoTracking()
            .Include(r => r.Helper)
            .Include(r => r.Events)
            .SingleOrDefaultAsync(r => r.Id == id && r.DeletedAt == null, cancellationToken);
    }

    /// <summary>
    /// Saves a draft if nobody else saved it since <paramref name="expectedVersion"/>; otherwise writes
    /// nothing and returns what is stored, so the caller can show both versions and lose neither.
    /// </summary>
    public async Task<DraftSave<DraftContent>> SaveDraftAsync(Guid id, Guid expectedVersion, DraftContent content, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.OpenForAsync(account, cancellationToken);
        var draft = await db.HelpRequests.SingleOrDefaultAsync(r => r.Id == id && r.DeletedAt == null, cancellationToken);
        if (draft is null)
        {
            return new DraftSave<DraftContent>.NotFound();
        }

        if (draft.Status != RequestStatus.Draft)
        {
            return new DraftSave<DraftContent>.Invalid(Outcome.Failed("This request was already sent; it can no longer be edited.", nameof(HelpRequest.Status)));
        }

        if (draft.Version != expectedVersion)
        {
            return Clash(await ReloadAsync(db, id, cancellationToken));
        }

        if (content.HelperId is { } helperId && !await db.Helpers.AnyAsync(h => h.Id == helperId, cancellationToken))
        {
            return new DraftSave<DraftContent>.Invalid(Outcome.Failed("Choose one of your helpers.", nameof(HelpRequest.HelperId)));
        }

        content.ApplyTo(draft);
        return await DraftWrite.SaveAsync(db, draft, expectedVersion, draftValidator, Now, async () =>
        {
            await using var fresh = await contexts.OpenForAsync(account, cancellationToken);
            return Clash(await ReloadAsync(fresh, id, cancellationToken));
        }, cancellationToken);
    }

    private static DraftSave<DraftContent> Clash(HelpRequest current) => new DraftSave<DraftContent>.Conflict(current.Version, DraftContent.From(current));

    /// <summary>Every request that matches, newest change first (a helper's page lists theirs).</summary>
    public async Task<IReadOnlyList<RequestSummary>> ListAsync(RequestFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.OpenForAsync(account, cancellationToken);
        return await SummariesAsync((await MatchingAsync(db, filter, cancellationToken)).OrderByDescending(r => r.UpdatedAt), cancellationToken);
    }

    /// <summary>
    /// One page of the requests that match, newest change first, and how many match in all: the list reads a page
    /// from the database, never every row of an account with thousands.
    /// </summary>
    public async Task<RequestListPage> PageAsync(RequestFilter filter, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        await using var db = await contexts.OpenForAsync(account, cancellationToken);
        var matching = await MatchingAsync(db, filter, cancellationToken);
        var total = await matching.CountAsync(cancellationToken);
        // The page's ids are chosen from narrow rows, then only those rows are read whole: sorting an account's thousands of
        // requests with their texts to skip to a later page cost PostgreSQL several times more than the page itself.
        var pageIds = matching.OrderByDescending(r => r.UpdatedAt).Skip((page - 1) * pageSize).Take(pageSize).Select(r => r.Id);
        var rows = await SummariesAsync(matching.Where(r => pageIds.Contains(r.Id)).OrderByDescending(r => r.UpdatedAt), cancellationToken);
        return new RequestListPage(rows, total);
    }

    private static async Task<IQueryable<HelpRequest>> MatchingAsync(HelpAskDbContext db, RequestFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var requests = db.HelpRequests.AsNoTracking().Where(r => r.DeletedAt == null);
        if (filter.Status is { } status)
        {
            requests = requests.Where(r => r.Status == status);
        }

        if (filter.HelperId is { } helperId)
        {
            requests = requests.Where(r => r.HelperId == helperId);
        }

        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var pattern = TextSearch.Anywhere(filter.Search);
            // The account's helpers whose name matches are read first (a few dozen rows), so that the requests' side is
            // one table's condition, which an index can answer.
            var helperIds = await db.Helpers.Where(h => EF.Functions.Like(h.Name.ToLower(), pattern.ToLower(), TextSearch.Escape))
                .Select(h => h.Id).ToListAsync(cancellationToken);
            requests = WithText(requests, pattern, helperIds);
        }

        return requests;
    }

    /// <summary>
    /// The requests whose texts hold the LIKE <paramref name="pattern"/> in any case, or that go to one of
    /// <paramref name="helperIds"/>. On PostgreSQL the texts' expression is indexed by trigrams with the account first
    /// (migration RequestTextSearch): it must stay exactly this one, or the search reads every row of the account again
    /// (RequestSearchTests checks the plan).
    /// </summary>
    internal static IQueryable<HelpRequest> WithText(IQueryable<HelpRequest> requests, string pattern, IReadOnlyList<Guid> helperIds) =>
        requests.Where(r =>
            EF.Functions.Like((r.Title + " " + r.Situation + " " + r.Signal + " " + r.WhatINeed + " " + r.ComposedText).ToLower(), pattern.ToLower(), TextSearch.Escape)
            || (r.HelperId != null && helperIds.Contains(r.HelperId.Value)));

    /// <summary>The list's lines for <paramref name="requests"/>, in their order.</summary>
    private static async Task<IReadOnlyList<RequestSummary>> SummariesAsync(IQueryable<HelpRequest> requests, CancellationToken cancellationToken)
    {
        // A request without a title is listed by its first words (cut short by the database), not "Untitled draft".
        var rows = await requests
            .Select(r => new
            {
                Summary = new RequestSummary(r.Id, r.Title, r.Status, r.HelperId, r.Helper == null ? null : r.Helper.Name, r.CreatedAt, r.UpdatedAt, r.SentAt),
                FirstWords = r.Title != "" ? null
                    : (r.Situation != "" ? r.Situation : r.Signal != "" ? r.Signal : r.WhatINeed != "" ? r.WhatINeed : r.ComposedText).Substring(0, 200),
            })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => r.Summary with { Title = RequestLabels.Label(r.Summary.Title, r.FirstWords) })];
    }

    /// <summary>
    /// Remembers the composer step open on a draft, to reopen it there. Not an edit of the draft: its
    /// <see cref="HelpRequest.Version"/> stays, so a step changed in one tab never conflicts with typing in another.
    /// </summary>
    public async Task RememberStepAsync(Guid id, int step, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.OpenForAsync(account, cancellationToken);
        await db.HelpRequests.Where(r => r.Id == id && r.Status == RequestStatus.Draft)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ComposerStep, step), cancellationToken);
    }

    /// <summary>Deletes a draft so that it can be restored for a day (then <see cref="DeletedDraftPurge"/> removes it).</summary>
    public async Task<bool> DeleteDraftAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.OpenForAsync(account, cancellationToken);
        var draft = await db.HelpRequests.SingleOrDefaultAsync(
            r => r.Id == id && r.DeletedAt == null && r.Status == RequestStatus.Draft, cancellationToken);
        if (draft is null)
        {
            return false;
        }

        draft.DeletedAt = Now;
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Removes a draft that was opened and left with nothing in it, so a visit to "New request" leaves no
    /// "Untitled draft" behind. Anything typed anywhere (in any tab) keeps it.
    /// </summary>
    public async Task<bool> DiscardIfEmptyAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.OpenForAsync(account, cancellationToken);
        return await db.HelpRequests
            .Where(r => r.Id == id && r.Status == RequestStatus.Draft && r.HelperId == null && r.NeededBy == null
                && r.Title == "" && r.Situation == "" && r.Signal == "" && r.WhatINeed == "" && r.EffortEstimate == ""
                && r.WhyThisPerson == "" && r.Openness == "" && r.ComposedText == "")
            .ExecuteDeleteAsync(cancellationToken) == 1;
    }

    public async Task<bool> RestoreDraftAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.OpenForAsync(account, cancellationToken);
        var restorableSince = Now - UndoWindow;
        var draft = await db.HelpRequests.SingleOrDefaultAsync(r => r.Id == id && r.DeletedAt != null && r.DeletedAt >= restorableSince, cancellationToken);
        if (draft is null)
        {
            return false;
        }

        draft.DeletedAt = null;
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static Task<HelpRequest> ReloadAsync(HelpAskDbContext db, Guid id, CancellationToken cancellationToken) =>
        db.HelpRequests.AsNoTracking().Include(r => r.Helper).SingleAsync(r => r.Id == id, cancellationToken);
}
