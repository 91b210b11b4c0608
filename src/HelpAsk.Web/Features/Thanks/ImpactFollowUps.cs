using HelpAsk.Core.Domain;
using HelpAsk.Core.Validation;
using HelpAsk.Web.Data;
using HelpAsk.Web.Features.Account;
using HelpAsk.Web.Features.Shell;
using Microsoft.EntityFrameworkCore;

namespace HelpAsk.Web.Features.Thanks;

/// <summary>A follow-up as lists show it.</summary>
public sealed record FollowUpSummary(Guid Id, Guid HelperId, string HelperName, Guid? HelpRequestId, string Plan, DateOnly DueOn, DateTime? DoneAt);

public abstract record FollowUpPlanning
{
    public sealed record Planned(Guid Id) : FollowUpPlanning;

    public sealed record Invalid(Outcome Outcome) : FollowUpPlanning;

    public sealed record NotFound : FollowUpPlanning;
}

/// <summary>The signed-in account's plans to tell helpers, later, what difference their help made.</summary>
public sealed class ImpactFollowUps(IDbContextFactory<HelpAskDbContext> contexts, CurrentAccount account, TimeProvider clock, ReaderClock reader)
{
    /// <summary>What a follow-up planned today must be: the planning form checks with these rules, and so does <see cref="PlanAsync"/>.</summary>
    public ImpactFollowUpValidator Rules => new(reader.Today);

    /// <summary>Plans a follow-up for a request's helper.</summary>
    public async Task<FollowUpPlanning> PlanAsync(Guid requestId, string plan, DateOnly dueOn, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.OpenForAsync(account, cancellationToken);
        var request = await db.HelpRequests.SingleOrDefaultAsync(r => r.Id == requestId && r.DeletedAt == null && r.HelperId != null, cancellationToken);
        if (request is null)
        {
            return new FollowUpPlanning.NotFound();
        }

        var followUp = new ImpactFollowUp
        {
            OwnerId = db.Owner!, HelperId = request.HelperId!.Value, HelpRequestId = request.Id, Plan = (plan ?? "").Trim(), DueOn = dueOn, CreatedAt = Now,
        };
        var validation = await Rules.CheckAsync(followUp, cancellationToken);
        if (!validation.Succeeded)
        {
            return new FollowUpPlanning.Invalid(validation);
        }

        db.ImpactFollowUps.Add(followUp);
        request.AddNote(Now, $"Follow-up planned for {HelpAsk.Core.Text.CultureDates.Long(dueOn, System.Globalization.CultureInfo.CurrentCulture)}: {followUp.Plan}");
        await db.SaveChangesAsync(cancellationToken);
        return new FollowUpPlanning.Planned(followUp.Id);
    }

    /// <summary>
    /// Drops a follow-up not yet done, and says so on its request's timeline. A note already started
    /// for it is kept, as an ordinary thank-you draft: nothing written is lost. False when the
    /// follow-up is not this account's, or is done.
    /// </summary>
    public async Task<bool> DropAsync(Guid followUpId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.OpenForAsync(account, cancellationToken);
        var followUp = await db.ImpactFollowUps.SingleOrDefaultAsync(f => f.Id == followUpId && f.DoneAt == null, cancellationToken);
        if (followUp is null)
        {
            return false;
        }

        // The database lets go of the note (ON DELETE SET NULL); a sent one was for a done follow-up.
        var request = await db.HelpRequests.SingleOrDefaultAsync(r => r.Id == followUp.HelpRequestId, cancellationToken);
        request?.AddNote(Now, $"Follow-up dropped: {followUp.Plan}");
        db.ImpactFollowUps.Remove(followUp);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Open follow-ups that are due today or overdue, oldest first.</summary>
    public async Task<IReadOnlyList<FollowUpSummary>> ListDueAsync(CancellationToken cancellationToken = default)
    {
        var today = reader.Today;
        return await ListAsync(f => f.DoneAt == null && f.DueOn <= today, cancellationToken);
    }

    public Task<IReadOnlyList<FollowUpSummary>> ListForHelperAsync(Guid helperId, CancellationToken cancellationToken = default) =>
        ListAsync(f => f.HelperId == helperId, cancellationToken);

    public Task<IReadOnlyList<FollowUpSummary>> ListForRequestAsync(Guid requestId, CancellationToken cancellationToken = default) =>
        ListAsync(f => f.HelpRequestId == requestId, cancellationToken);

    private async Task<IReadOnlyList<FollowUpSummary>> ListAsync(System.Linq.Expressions.Expression<Func<ImpactFollowUp, bool>> filter, CancellationToken cancellationToken)
    {
        await using var db = await contexts.OpenForAsync(account, cancellationToken);
        return await db.ImpactFollowUps.AsNoTracking()
            
            .Where(filter)
            .OrderBy(f => f.DueOn)
            .Select(f => new FollowUpSummary(f.Id, f.HelperId, f.Helper!.Name, f.HelpRequestId, f.Plan, f.DueOn, f.DoneAt))
            .ToListAsync(cancellationToken);
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
