using System.Globalization;
using HelpAsk.Web.Data;
using HelpAsk.Web.Features.Shell;
using Microsoft.EntityFrameworkCore;

namespace HelpAsk.Web.Features.Account;

/// <summary>
/// Where an account's person lives, as far as emails need it: the time zone their dates are given in (and whose
/// morning counts) and the culture those dates are written in. An account whose browser never said is in the
/// server's zone and the fallback culture.
/// </summary>
public sealed record Locale(TimeZoneInfo Zone, CultureInfo Culture)
{
    /// <summary>A stored (UTC) time on the account's wall clock.</summary>
    public DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);
}

/// <summary>The outcome of changing an account's locale in settings.</summary>
public abstract record LocaleChange
{
    public sealed record Saved : LocaleChange;

    public sealed record Invalid(string Problem) : LocaleChange;
}

/// <summary>
/// The account's time zone and culture stored on the server, for the emails written while nobody is reading a page.
/// The browser's own are taken the first time the account uses the app; settings change them afterwards.
/// </summary>
public sealed partial class AccountLocale(IDbContextFactory<HelpAskDbContext> contexts, TimeProvider clock, ILogger<AccountLocale> log)
{
    public const int ZoneMaxLength = 64;
    public const int CultureMaxLength = 20;

    /// <summary>The account's locale, read in the caller's unit of work (the email is written in it).</summary>
    public static async Task<Locale> OfAsync(HelpAskDbContext db, string accountId, TimeZoneInfo serverZone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var stored = await db.Users.Where(u => u.Id == accountId).Select(u => new { u.TimeZone, u.Culture }).SingleOrDefaultAsync(cancellationToken);
        return new Locale(ReaderClock.FindZone(stored?.TimeZone) ?? serverZone, ReaderCulture.Find(stored?.Culture) ?? ReaderCulture.Fallback);
    }

    public async Task<Locale> GetAsync(string accountId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await OfAsync(db, accountId, clock.LocalTimeZone, cancellationToken);
    }

    /// <summary>
    /// Keeps what the reader's browser says (its zone, when it said one, and its culture) where the account has none
    /// yet; a choice made in settings stays. Best effort: it is tried again on the next visit.
    /// </summary>
    public async Task RememberAsync(string accountId, TimeZoneInfo? browserZone, CultureInfo browserCulture, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(browserCulture);
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            if (browserZone is not null)
            {
                await db.Users.Where(u => u.Id == accountId && u.TimeZone == null)
                    .ExecuteUpdateAsync(set => set.SetProperty(u => u.TimeZone, browserZone.Id), cancellationToken);
            }

            await db.Users.Where(u => u.Id == accountId && u.Culture == null)
                .ExecuteUpdateAsync(set => set.SetProperty(u => u.Culture, browserCulture.Name), cancellationToken);
        }
        catch (Exception failure) when (failure is DbUpdateException or InvalidOperationException or Microsoft.Data.Sqlite.SqliteException)
        {
            LogRememberFailed(failure);
        }
    }

    /// <summary>The choice made in settings; an unknown zone or culture is refused with a clear message and nothing changes.</summary>
    public async Task<LocaleChange> SetAsync(string accountId, string? zoneId, string? cultureName, CancellationToken cancellationToken = default)
    {
        if (ReaderClock.FindZone(zoneId?.Trim()) is not { } zone)
        {
            return new LocaleChange.Invalid($"{Quoted(zoneId)} is not a time zone this server knows. Choose one from the list, such as Europe/Berlin.");
        }

        if (ReaderCulture.Find(cultureName?.Trim()) is not { } culture)
        {
            return new LocaleChange.Invalid($"{Quoted(cultureName)} is not a language and region this server knows. Choose one from the list, such as de-DE.");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Users.Where(u => u.Id == accountId)
            .ExecuteUpdateAsync(set => set.SetProperty(u => u.TimeZone, zone.Id).SetProperty(u => u.Culture, culture.Name), cancellationToken);
        return new LocaleChange.Saved();
    }

    /// <summary>What was typed, quoted back only when it is short and printable: a message never carries megabytes or control characters.</summary>
    private static string Quoted(string? typed) =>
        typed is { Length: > 0 and <= QuotedMaxLength } && !typed.Any(char.IsControl) ? $"“{typed}”" : "That";

    private const int QuotedMaxLength = 64;

    [LoggerMessage(LogLevel.Warning, "The browser's time zone and culture could not be stored for the account; the next visit tries again")]
    private partial void LogRememberFailed(Exception failure);
}
