using System.Globalization;
using System.Security.Cryptography;
using HelpAsk.Web.Data;
using HelpAsk.Web.Features.Sending;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace HelpAsk.Web.Features.Notifications;

/// <summary>What a valid unsubscribe link stands for: one kind of notification of one account, or every kind (the digest's link).</summary>
public sealed record Unsubscription(string AccountId, NotificationKind? Kind)
{
    public IReadOnlyList<NotificationKind> Kinds => Kind is { } kind ? [kind] : Enum.GetValues<NotificationKind>();

    public string Description => Kind is { } kind ? NotificationKinds.Describe(kind) : "All HelpAsk notifications (the daily digest too)";
}

/// <summary>
/// The "turn these emails off" link in each notification: the account and the kind, encrypted and signed with the app's
/// data-protection keys for this purpose alone, so it works without signing in, and a forged or altered one, or one
/// made for another purpose, reads as nothing. It acts only for the account it names.
/// </summary>
public sealed class UnsubscribeLinks(IDataProtectionProvider protection, PublicLinks links, IDbContextFactory<HelpAskDbContext> contexts)
{
    public const string Route = "notifications/unsubscribe";

    private readonly IDataProtector protector = protection.CreateProtector("HelpAsk.Notifications.Unsubscribe");

    public string For(string accountId, NotificationKind kind) => Link(accountId, ((int)kind).ToString(CultureInfo.InvariantCulture));

    /// <summary>The daily digest's link: it gathers every kind, so it turns every kind off.</summary>
    public string ForEveryKind(string accountId) => Link(accountId, EveryKind);

    private const string EveryKind = "*";

    private string Link(string accountId, string kind)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        return links.To($"{Route}/{protector.Protect($"{kind}:{accountId}")}");
    }

    /// <summary>The link's account and kind; null when the token is not one of ours or its account is gone.</summary>
    public async Task<Unsubscription?> ReadAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        string payload;
        try
        {
            payload = protector.Unprotect(token);
        }
        catch (Exception failure) when (failure is CryptographicException or FormatException)
        {
            return null;
        }

        var parts = payload.Split(':', 2);
        NotificationKind? kind = null;
        if (parts.Length != 2)
        {
            return null;
        }

        if (parts[0] != EveryKind)
        {
            if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var number) || !Enum.IsDefined((NotificationKind)number))
            {
                return null;
            }

            kind = (NotificationKind)number;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Users.AnyAsync(u => u.Id == parts[1], cancellationToken) ? new Unsubscription(parts[1], kind) : null;
    }
}
