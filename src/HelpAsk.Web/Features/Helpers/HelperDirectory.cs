using FluentValidation;
using HelpAsk.Core.Domain;
using HelpAsk.Core.Validation;
using HelpAsk.Web.Data;
using HelpAsk.Web.Features.Account;
using Microsoft.EntityFrameworkCore;

namespace HelpAsk.Web.Features.Helpers;

public enum HelperRemoval
{
    NotFound,
    Deleted,

    /// <summary>The helper has requests or thanks on record, so they were archived to keep that history.</summary>
    Archived,
}

/// <summary>How adding or editing a helper went.</summary>
public abstract record HelperChange
{
    public sealed record Saved(Helper Helper) : HelperChange;

    public sealed record Invalid(Outcome Outcome) : HelperChange;

    public sealed record NotFound : HelperChange;
}

/// <summary>The signed-in account's helpers. Another account's helper is, to this class, one that does not exist.</summary>
public sealed class HelperDirectory(
    IDbContextFactory<HelpAskDbContext> contexts,
    CurrentAccount account,
    IValidator<Helper> validator,
    TimeProvider clock)
{
    public async Task<IReadOnlyList<Helper>> ListAsync(string? search = null, bool includeArchived = false, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.OpenForAsync(account, cancellationToken);
        var helpers = db.Helpers.AsNoTracking();
        if (!includeArchived)
        {
            helpers = helpers.Where(h => !h.IsArchived);
        }

        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = TextSearch.Anywhere(search);
            helpers = helpers.Where(h => EF.Functions.Like(h.Name.ToLower(), pattern.ToLower(), TextSearch.Escape)
                || (h.Relationship != null && EF.Functions.Like(h.Relationship.ToLower(), pattern.ToLower(), TextSearch.Escape))
                || (h.Email != null && EF.Functions.Like(h.Email.ToLower(), pattern.ToLower(), TextSearch.Escape)));
        }

        return Alphabetical(await helpers.ToListAsync(cancellationToken));
    }

    /// <summary>One account's helpers in the reader's alphabetical order, not the database's collation (which differs by engine).</summary>
    public static List<Helper> Alphabetical(IEnumerable<Helper> helpers) =>
        [.. helpers.OrderBy(h => h.Name, StringComparer.CurrentCultureIgnoreCase).ThenBy(h => h.Name, StringComparer.Ordinal)];

    public async Task<Helper?> FindAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.OpenForAsync(account, cancellationToken);
        return await db.Helpers.AsNoTracking().SingleOrDefaultAsync(h => h.Id == id, cancellationToken);
    }

    public async Task<HelperChange> AddAsync(string name, string? email = null, string? relationship = null, string? notes = null, CancellationToken cancellationToken = default)
    {
        var helper = new Helper
        {
            OwnerId = await account.GetIdAsync(),
            Name = name.Trim(),
            Email = Blank(email),
            Relationship = Blank(relationship),
            Notes = Blank(notes),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        var outcome = await validator.CheckAsync(helper, cancellationToken);
        if (!outcome.Succeeded)
        {
            return new HelperChange.Invalid(outcome);
        }

        await using var db = await contexts.OpenForAsync(account, cancellationToken);
        db.Helpers.Add(helper);
        await db.SaveChangesAsync(cancellationToken);
        return new HelperChange.Saved(helper);
    }

    public async Task<HelperChange> UpdateAsync(Guid id, string name, string? email, string? relationship, string? notes, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.OpenForAsync(account, cancellationToken);
        var helper = await db.Helpers.SingleOrDefaultAsync(h => h.Id == id, cancellationToken);
        if (helper is null)
        {
            return new HelperChange.NotFound();
        }

        helper.Name = name.Trim();
        helper.Email = Blank(email);
        helper.Relationship = Blank(relationship);
        helper.Notes = Blank(notes);
        var outcome = await validator.CheckAsync(helper, cancellationToken);
        if (!outcome.Succeeded)
        {
            return new HelperChange.Invalid(outcome);
        }

        await db.SaveChangesAsync(cancellationToken);
        return new HelperChange.Saved(helper);
    }

    /// <summary>Deletes a helper with no history; archives one with requests or thanks, so nothing is lost.</summary>
    public async Task<HelperRemoval> RemoveAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.OpenForAsync(account, cancellationToken);
        var helper = await db.Helpers.SingleOrDefaultAsync(h => h.Id == id, cancellationToken);
        if (helper is null)
        {
            return HelperRemoval.NotFound;
        }

        var hasHistory = await db.HelpRequests.AnyAsync(r => r.HelperId == id, cancellationToken)
            || await db.ThankYouNotes.AnyAsync(n => n.HelperId == id, cancellationToken);
        if (hasHistory)
        {
            helper.IsArchived = true;
        }
        else
        {
            db.Helpers.Remove(helper);
        }

        await db.SaveChangesAsync(cancellationToken);
        return hasHistory ? HelperRemoval.Archived : HelperRemoval.Deleted;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
