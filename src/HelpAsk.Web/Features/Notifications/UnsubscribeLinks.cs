using System.Globalization;
using System.Security.Cryptography;
using HelpAsk.Web.Data;
using HelpAsk.Web.Features.Sending;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace HelpAsk.Web.Features.Notifications;

/// <summary>
/// What a valid unsubscribe link stands for: one kind of notification of one account, or every kind (the digest's link:
/// it stops the digest and never turns it into single emails, which would be more email, not less).
/// </summary>
public sealed record Unsubscription(string AccountId, NotificationKind? Kind)
{
    /// <summary>The kinds it turns off: its own, or, for the digest's link, every kind the digest gathers.</summary>
    public IReadOnlyList<NotificationKind> Kinds => Kind is { } kind ? [kind] : Enum.GetValues<NotificationKind>();
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

    // Its own purpose: an unsubscribe token is never an undo token, nor the other way round.
    private readonly IDataProtector undoProtector = protection.CreateProtector("HelpAsk.Notifications.Unsubscribe.Undo");

    /// <summary>Longer than any token this class makes: refused before it is decoded.</summary>
    private const int TokenMaxLength = 1024;

    public string For(string accountId, NotificationKind kind) => Link(accountId, ((int)kind).ToString(CultureInfo.InvariantCulture));

    /// <summary>The daily digest's link: it gathers every kind, so it turns every kind off.</summary>
    public string ForEveryKind(string accountId) => Link(accountId, EveryKind);

    private const string EveryKind = "*";

    private string Link(string accountId, string kind)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        return links.To($"{Route}/{protector.Protect($"{kind}:{accountId}")}");
    }

    /// <summary>The token of an undo for what one unsubscribe click turned off (signed, for that account, those kinds and that moment).</summary>
    public string UndoTokenFor(TurnedOff turnedOff)
    {
        ArgumentNullException.ThrowIfNull(turnedOff);
        var kinds = string.Join(',', turnedOff.Kinds.Select(k => ((int)k).ToString(CultureInfo.InvariantCulture)));
        return undoProtector.Protect($"{kinds}:{turnedOff.At.Ticks.ToString(CultureInfo.InvariantCulture)}:{turnedOff.AccountId}");
    }

    /// <summary>What an undo token stands for, if it is one of ours and for <paramref name="accountId"/> (the link it came with); null otherwise.</summary>
    public TurnedOff? ReadUndo(string? token, string accountId)
    {
        if (Unprotect(undoProtector, token)?.Split(':', 3) is not [var kindList, var ticks, var account] || account != accountId
            || !long.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out var at) || at > DateTime.MaxValue.Ticks)
        {
            return null;
        }

        var kinds = new List<NotificationKind>();
        foreach (var number in kindList.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            if (ParseKind(number) is not { } kind)
            {
                return null;
            }

            kinds.Add(kind);
        }

        return kinds.Count == 0 ? null : new TurnedOff(account, kinds, new DateTime(at, DateTimeKind.Utc));
    }

    private static string? Unprotect(IDataProtector by, string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > TokenMaxLength)
        {
            return null;
        }

        try
        {
            return by.Unprotect(token);
        }
        catch (Exception failure) when (failure is CryptographicException or FormatException)
        {
            return null;
        }
    }

    private static NotificationKind? ParseKind(string number) =>
        int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && Enum.IsDefined((NotificationKind)value)
            ? (NotificationKind)value : null;

    /// <summary>The link's account and kind; null when the token is not one of ours or its account is gone.</summary>
    public async Task<Unsubscription?> ReadAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (Unprotect(protector, token) is not { } payload)
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
            if (ParseKind(parts[0]) is not { } one)
            {
                return null;
            }

            kind = one;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Users.AnyAsync(u => u.Id == parts[1], cancellationToken) ? new Unsubscription(parts[1], kind) : null;
    }
}
