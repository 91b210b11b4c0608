using HelpAsk.Core.Domain;
using HelpAsk.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace HelpAsk.Web.Features.Account;

/// <summary>The signed-in account's display name, for the pages of a circuit (the Identity pages use UserManager).</summary>
public sealed class AccountProfile(IDbContextFactory<HelpAskDbContext> contexts, CurrentAccount account)
{
    /// <summary>The account's usable display name, or null when it has none yet (it is then asked for one).</summary>
    public async Task<string?> DisplayNameAsync(CancellationToken cancellationToken = default)
    {
        var owner = await account.GetIdAsync();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var contact = await db.ContactOfAsync(owner, cancellationToken);
        return DisplayName.Problem(contact.DisplayName) is null ? DisplayName.Normalize(contact.DisplayName) : null;
    }
}
