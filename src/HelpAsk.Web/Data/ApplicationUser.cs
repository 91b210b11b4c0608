using Microsoft.AspNetCore.Identity;

namespace HelpAsk.Web.Data;

/// <summary>An account. Everything a person writes in HelpAsk is owned by one of these.</summary>
public sealed class ApplicationUser : IdentityUser
{
}
