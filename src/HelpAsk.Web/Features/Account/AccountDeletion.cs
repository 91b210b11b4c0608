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
public sealed class AccountDeletion(UserManager<ApplicationUser> users, IDbContextFactory<HelpAskDbContext> contexts, IMailTransport transport)
{
    public async Task<IdentityResult> DeleteAsync(ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        List<string> messageIds;
        await using (var db = await contexts.CreateDbContextAsync())
        {
            messageIds = (await db.OutboxMessages.Where(m => m.OwnerId == user.Id).Select(m => m.Id).ToListAsync())
                .ConvertAll(OutboxMessage.MessageIdOf);
        }

        var result = await users.DeleteAsync(user);
        if (result.Succeeded)
        {
            messageIds.ForEach(transport.Discard);
        }

        return result;
    }

    /// <summary>
    /// Signs out a cookie whose account no longer exists, on its first request after the deletion (not only at the next
    /// security-stamp check): its pages and downloads would otherwise run for an owner that is gone.
    /// </summary>
    internal static async Task SignOutDeletedAccountAsync(CookieValidatePrincipalContext context)
    {
        var accountId = context.Principal?.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;
        if (accountId is null)
        {
            return;
        }

        var db = context.HttpContext.RequestServices.GetRequiredService<HelpAskDbContext>();
        if (!await db.Users.AnyAsync(u => u.Id == accountId, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
    }
}
