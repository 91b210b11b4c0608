using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace HelpAsk.Web.Features.Account;

/// <summary>
/// How many account emails (confirmation, reset, "someone tried to register") one address may receive, and how many
/// anonymous email-sending forms one client may post, per window: against using HelpAsk to flood someone's inbox.
/// </summary>
public sealed class AccountEmailLimits
{
    public const string Section = "RateLimits:AccountEmails";
    public const string ClientPolicy = "account-emails";

    public int PerAddressPermitLimit { get; set; } = 3;
    public int PerClientPermitLimit { get; set; } = 10;
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);

    public static void AddTo(IServiceCollection services)
    {
        services.AddOptions<AccountEmailLimits>().BindConfiguration(Section);
        services.AddOptions<RateLimiterOptions>().Configure<IConfiguration>((options, configuration) =>
        {
            var limits = configuration.GetSection(Section).Get<AccountEmailLimits>() ?? new AccountEmailLimits();
            // Only posts send email; showing the form is never limited.
            options.AddPolicy(ClientPolicy, context => HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.PerClientPermitLimit, Window = limits.Window, QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("show"));
        });
    }

    /// <summary>The per-address limit; an address over it gets nothing more until the window passes.</summary>
    public PartitionedRateLimiter<string> PerAddress() => PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(
            address.Trim().ToUpperInvariant(),
            _ => new FixedWindowRateLimiterOptions { PermitLimit = PerAddressPermitLimit, Window = Window, QueueLimit = 0 }));
}
