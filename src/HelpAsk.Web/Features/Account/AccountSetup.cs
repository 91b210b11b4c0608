using System.Security.Claims;
using HelpAsk.Web.Data;
using Microsoft.AspNetCore.Components.Authorization;
using HelpAsk.Web.Features.Sending;
using Microsoft.AspNetCore.Authentication.Cookies;
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
        services.AddSingleton<AccountLocale>();

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
            .AddSignInManager<HelpAskSignInManager>()
            .AddDefaultTokenProviders();

        // An address can only be confirmed when email really leaves the machine; with the pickup folder
        // (no SMTP configured) new accounts work at once.
        services.AddOptions<IdentityOptions>().Configure<IOptions<EmailOptions>>(
            (identity, email) => identity.SignIn.RequireConfirmedAccount = email.Value.UsesSmtp);
        services.AddSingleton<AccountEmails>();
        services.AddSingleton<IEmailSender<ApplicationUser>>(provider => provider.GetRequiredService<AccountEmails>());
        AccountEmailLimits.AddTo(services);

        // Every session re-checks its account's security stamp this often, so log-out, a password change or deletion ends
        // copied cookies and other devices' sessions within the interval.
        services.AddOptions<SecurityStampValidatorOptions>().Configure<IConfiguration>(
            (validation, configuration) => validation.ValidationInterval = SessionCheckInterval(configuration));
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme).Configure(cookie =>
        {
            var checkStamp = cookie.Events.OnValidatePrincipal;
            cookie.Events.OnValidatePrincipal = async context =>
            {
                await AccountDeletion.SignOutDeletedAccountAsync(context);
                if (context.Principal is not null)
                {
                    await checkStamp(context);
                }
            };
        });
        services.AddScoped<AccountDeletion>();
        services.AddSingleton(provider => new DeletedAccounts(
            provider.GetRequiredService<TimeProvider>(), SessionCheckInterval(provider.GetRequiredService<IConfiguration>())));
        return services;
    }

    /// <summary><c>Accounts:SessionCheckInterval</c>, a minute unless configured.</summary>
    public static TimeSpan SessionCheckInterval(IConfiguration configuration) =>
        configuration.GetValue("Accounts:SessionCheckInterval", TimeSpan.FromMinutes(1));

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
