using HelpAsk.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace HelpAsk.Web.Features.Account;

/// <summary>How a feature opens the database for the signed-in account: it sees and writes that account's rows only.</summary>
public static class OwnedData
{
    public static async Task<HelpAskDbContext> OpenForAsync(
        this IDbContextFactory<HelpAskDbContext> contexts, CurrentAccount account, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        return await contexts.OpenForAsync(await account.GetIdAsync(), cancellationToken);
    }

    /// <summary>For requests outside a circuit (downloads), which know their account from the request's user.</summary>
    public static async Task<HelpAskDbContext> OpenForAsync(
        this IDbContextFactory<HelpAskDbContext> contexts, string accountId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Owner = accountId;
        return db;
    }
}
