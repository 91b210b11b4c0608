using HelpAsk.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace HelpAsk.Web.Features.Account;

/// <summary>
/// Identity's sign-in, except that a password for an address with no account is hashed like a real one: otherwise the
/// answer comes back at once and its speed tells whether the address has an account.
/// </summary>
public sealed class HelpAskSignInManager(
    UserManager<ApplicationUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<ApplicationUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<ApplicationUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<ApplicationUser> confirmation)
    : SignInManager<ApplicationUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    private static string? dummyHash;

    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var user = await UserManager.FindByNameAsync(userName);
        if (user is null)
        {
            var nobody = new ApplicationUser();
            dummyHash ??= UserManager.PasswordHasher.HashPassword(nobody, "no account has this password");
            UserManager.PasswordHasher.VerifyHashedPassword(nobody, dummyHash, password);
            return SignInResult.Failed;
        }

        return await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
    }
}
