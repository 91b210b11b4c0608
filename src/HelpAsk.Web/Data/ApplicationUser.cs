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
}
