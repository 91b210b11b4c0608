using HelpAsk.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HelpAsk.Web.Hosting;

public static class Health
{
    public const string Path = "/healthz";

    public static IServiceCollection AddHelpAskHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return services;
    }

    /// <summary>200 "Healthy" when the database answers, 503 "Unhealthy" when it does not.</summary>
    public static WebApplication MapHelpAskHealthChecks(this WebApplication app)
    {
        app.MapHealthChecks(Path).DisableHttpMetrics();
        return app;
    }

    /// <summary>Reads the migrations table: a missing, unreadable or empty database is unhealthy.</summary>
    internal sealed class DatabaseHealthCheck(IDbContextFactory<HelpAskDbContext> contexts) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await using var db = await contexts.CreateDbContextAsync(cancellationToken);
                var applied = await db.Database.GetAppliedMigrationsAsync(cancellationToken);
                return applied.Any()
                    ? HealthCheckResult.Healthy()
                    : HealthCheckResult.Unhealthy("The database has no schema.");
            }
#pragma warning disable CA1031 // Any failure to reach the database is exactly what this check reports.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                return HealthCheckResult.Unhealthy("The database cannot be reached.", exception);
            }
        }
    }
}
