using FluentValidation;
using HelpAsk.Core.Domain;
using HelpAsk.Core.Validation;
using HelpAsk.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace HelpAsk.Web.Features.Coaching;

/// <summary>The outcome of saving a coached draft (a request, a thank-you note).</summary>
public abstract record DraftSave<TContent>
    where TContent : class
{
    public sealed record Saved(Guid Version, DateTime At) : DraftSave<TContent>;

    /// <summary>
    /// Saved elsewhere first (another tab), or no longer a draft: nothing was written. <paramref name="Current"/> is
    /// what is stored now, at <paramref name="Version"/> (null when it can no longer be edited).
    /// </summary>
    public sealed record Conflict(Guid Version, TContent? Current) : DraftSave<TContent>;

    /// <summary>Refused, and nothing written: what the validator (or the store) found.</summary>
    public sealed record Invalid(Outcome Outcome) : DraftSave<TContent>;

    public sealed record NotFound : DraftSave<TContent>;
}

/// <summary>How every coached draft is written, once its store has found it and applied the content.</summary>
public static class DraftWrite
{
    /// <summary>
    /// Validates <paramref name="draft"/> and writes it only if its stored version is still
    /// <paramref name="expectedVersion"/>; otherwise nothing is written and <paramref name="conflict"/> says what is stored now.
    /// </summary>
    public static async Task<DraftSave<TContent>> SaveAsync<TDraft, TContent>(
        HelpAskDbContext db, TDraft draft, Guid expectedVersion, IValidator<TDraft> validator, DateTime now,
        Func<Task<DraftSave<TContent>>> conflict, CancellationToken cancellationToken)
        where TDraft : class, IVersioned
        where TContent : class
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(validator);
        ArgumentNullException.ThrowIfNull(conflict);
        var outcome = await validator.CheckAsync(draft, cancellationToken);
        if (!outcome.Succeeded)
        {
            return new DraftSave<TContent>.Invalid(outcome);
        }

        draft.UpdatedAt = now;

        // The stored version must still be the one the editor started from when the row is written.
        db.Entry(draft).Property(nameof(IVersioned.Version)).OriginalValue = expectedVersion;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return await conflict();
        }

        return new DraftSave<TContent>.Saved(draft.Version, draft.UpdatedAt);
    }
}
