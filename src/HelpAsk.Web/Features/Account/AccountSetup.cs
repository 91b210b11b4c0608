using System.Security.Claims;
using HelpAsk.Web.Data;
using Microsoft.AspNetCore.Components.Authorization;
using HelpAsk.Web.Features.Sending;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace HelpAsk.Web.Features.Account;

public static class AccountSetup
{
    public const int PasswordMinimumLength = 8;

    public static IServiceCollection AddHelpAskAccounts(this IServiceCollection services)
    {
        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
        services.AddScoped<CurrentAccount>();
        services.AddScoped<AccountProfile>();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.AddAuthorization();

        services.AddIdentityCore<ApplicationUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Stores.SchemaVersion = IdentitySchemaVersions.Version3;

                // Length protects better than composition rules, and lock-out stops guessing.
                options.Password.RequiredLength = PasswordMinimumLength;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireDigit = false;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddEntityFrameworkStores<HelpAskDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        // An address can only be confirmed when email really leaves the machine; with the pickup folder
        // (no SMTP configured) new accounts work at once.
        services.AddOptions<IdentityOptions>().Configure<IOptions<EmailOptions>>(
            (identity, email) => identity.SignIn.RequireConfirmedAccount = email.Value.UsesSmtp);
        services.AddSingleton<IEmailSender<ApplicationUser>, AccountEmails>();
        return services;
    }

    public static WebApplication MapAccountEndpoints(this WebApplication app)
    {
        app.MapAdditionalIdentityEndpoints();
        return app;
    }
}

/// <summary>The signed-in account of the current circuit or request: the owner of everything read or written.</summary>
public sealed class CurrentAccount(AuthenticationStateProvider authentication)
{
    /// <exception cref="UnauthorizedAccessException">Nobody is signed in.</exception>
    public async Task<string> GetIdAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return state.User.FindFirstValue(ClaimTypes.NameIdentifier)
            ?? throw new UnauthorizedAccessException("Sign in to see your requests.");
    }
}
