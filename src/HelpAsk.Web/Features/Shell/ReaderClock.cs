using System.Text.RegularExpressions;

namespace HelpAsk.Web.Features.Shell;

/// <summary>
/// The clock of the person reading the page: times are shown, and "today" is counted, in their browser's
/// time zone (which every page stores in a cookie), not the server's. Until the browser has said, and for
/// a zone this server does not know, it is the server's own zone.
/// </summary>
public sealed partial class ReaderClock(TimeProvider clock)
{
    public const string CookieName = "helpask.tz";

    public TimeZoneInfo Zone { get; private set; } = clock.LocalTimeZone;

    /// <summary>Whether <see cref="Zone"/> is the one the browser reported, rather than the server's.</summary>
    public bool ZoneFromBrowser { get; private set; }

    /// <summary>Uses the IANA time zone the browser reported ("Europe/Paris"); anything else is ignored.</summary>
    public void UseZone(string? id)
    {
        if (FindZone(id) is { } zone)
        {
            Zone = zone;
            ZoneFromBrowser = true;
        }
    }

    /// <summary>A time zone by its IANA id, if it is well-formed and this server knows it; null otherwise.</summary>
    public static TimeZoneInfo? FindZone(string? id) =>
        id is { Length: > 0 and <= 64 } && ZoneId().IsMatch(id) && !id.Contains("..", StringComparison.Ordinal)
        && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null;

    /// <summary>A stored (UTC) time as the reader's wall clock showed it.</summary>
    public DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    /// <summary>
    /// The instant the reader's wall clock shows <paramref name="local"/>; a time that clock skips (the
    /// hour lost when summer time starts) is taken as the first one after it.
    /// </summary>
    public DateTime ToUtc(DateTime local)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        while (Zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        return TimeZoneInfo.ConvertTimeToUtc(local, Zone);
    }

    public DateTime Now => ToLocal(clock.GetUtcNow().UtcDateTime);

    public DateOnly Today => DateOnly.FromDateTime(Now);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_+/-]*$")]
    private static partial Regex ZoneId();
}
