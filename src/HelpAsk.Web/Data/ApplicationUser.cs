using Microsoft.AspNetCore.Identity;

namespace HelpAsk.Web.Data;

/// <summary>An account. Everything a person writes in HelpAsk is owned by one of these.</summary>
public sealed class ApplicationUser : IdentityUser
{
    /// <summary>
    /// The name the people this account asks see (<see cref="HelpAsk.Core.Domain.DisplayName"/>); null for accounts
    /// made before names were asked, which are asked for one on the dashboard.
    /// </summary>
    public string? DisplayName { get; set; }

    /// <summary>The account's IANA time zone ("Europe/Berlin"), in which its emails give dates and "the morning" is counted; null until its browser has said.</summary>
    public string? TimeZone { get; set; }

    /// <summary>The culture its emails write dates in ("de-DE"); null until its browser has said.</summary>
    public string? Culture { get; set; }

    /// <summary>One daily email gathering the day's notifications instead of single emails (off unless chosen).</summary>
    public bool DailyDigest { get; set; }
}
