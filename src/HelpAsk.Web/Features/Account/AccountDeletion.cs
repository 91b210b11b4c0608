using System.Collections.Concurrent;
using HelpAsk.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using HelpAsk.Web.Features.Sending;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace HelpAsk.Web.Features.Account;

/// <summary>
/// Deletes an account with everything it owns: its rows go with it in the database (cascade), and the copies of its
/// emails kept on this machine (the pickup folder) go too.
/// </summary>
public sealed class AccountDeletion(
    UserManager<ApplicationUser> users,
    IDbContextFactory<HelpAskDbContext> contexts,
    IMailTransport transport,
    DeletedAccounts deletedAccounts)
{
    public async Task<IdentityResult> DeleteAsync(ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        List<string> messageIds;
        await using (var db = await contexts.OpenForAsync(user.Id))
        {
            messageIds = (await db.OutboxMessages.Select(m => m.Id).ToListAsync())
                .ConvertAll(OutboxMessage.MessageIdOf);
        }

        var result = await users.DeleteAsync(user);
        if (result.Succeeded)
        {
            messageIds.ForEach(transport.Discard);
            deletedAccounts.Remember(user.Id);
        }

        return result;
    }

    /// <summary>
    /// Signs out a cookie whose account this instance deleted, on its first request after the deletion (not only at
    /// the next security-stamp check): its pages and downloads would otherwise run for an owner that is gone.
    /// </summary>
    internal static async Task SignOutDeletedAccountAsync(CookieValidatePrincipalContext context)
    {
        var accountId = context.Principal?.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;
        if (accountId is not null && context.HttpContext.RequestServices.GetRequiredService<DeletedAccounts>().Contains(accountId))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
    }
}

/// <summary>
/// Accounts deleted by this process, kept for one session-check interval. Every request that carries a cookie (static
/// files too) asks about its account, so this is a memory lookup rather than a database read; once the interval has
/// passed, the security-stamp check finds the account gone on its own, on this instance and on any other.
/// </summary>
public sealed class DeletedAccounts(TimeProvider clock, TimeSpan keptFor)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> deletedAt = new(StringComparer.Ordinal);

    public void Remember(string accountId)
    {
        var now = clock.GetUtcNow();
        foreach (var (id, at) in deletedAt)
        {
            if (now - at > keptFor)
            {
                deletedAt.TryRemove(id, out _);
            }
        }

        deletedAt[accountId] = now;
    }

    public bool Contains(string accountId) => deletedAt.ContainsKey(accountId);
}
