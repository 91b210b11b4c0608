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

    /// <summary>
    /// 200 "Healthy" when the database can be read and written, 503 "Unhealthy" when it cannot: a database that
    /// answers reads but is locked for writing cannot save a draft or send an email, so the app is not ready.
    /// </summary>
    public static WebApplication MapHelpAskHealthChecks(this WebApplication app)
    {
        app.MapHealthChecks(Path).DisableHttpMetrics();
        return app;
    }

    /// <summary>
    /// Reads the migrations table, then takes the write lock for a moment (BEGIN IMMEDIATE, ROLLBACK: nothing is
    /// written). A missing, unreadable, empty or write-locked database is unhealthy. A client that hangs up while the
    /// check runs is not an outage: the check is cancelled, not reported unhealthy.
    /// </summary>
    internal sealed class DatabaseHealthCheck(IDbContextFactory<HelpAskDbContext> contexts) : IHealthCheck
    {
        /// <summary>How long the write probe waits for a lock held by another writer before calling it locked.</summary>
        public static readonly TimeSpan WriteWait = TimeSpan.FromSeconds(2);

        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await using var db = await contexts.CreateDbContextAsync(cancellationToken);
                var applied = await db.Database.GetAppliedMigrationsAsync(cancellationToken);
                if (!applied.Any())
                {
                    return HealthCheckResult.Unhealthy("The database has no schema.");
                }

                await ProbeWriteAsync(db, cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception) when (cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException(cancellationToken);
            }
            catch (Exception exception) when (DatabaseErrors.IsBusy(exception))
            {
                return HealthCheckResult.Unhealthy("The database is locked for writing.", exception);
            }
#pragma warning disable CA1031 // Any failure to reach the database is exactly what this check reports.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                return HealthCheckResult.Unhealthy("The database cannot be reached.", exception);
            }
        }

        private static async Task ProbeWriteAsync(HelpAskDbContext db, CancellationToken cancellationToken)
        {
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync(cancellationToken);
            await using var probe = connection.CreateCommand();
            probe.CommandTimeout = (int)WriteWait.TotalSeconds;
            // SQLite takes the write lock; PostgreSQL refuses a read-write transaction on a read-only server or standby.
            probe.CommandText = db.Database.IsSqlite() ? "BEGIN IMMEDIATE; ROLLBACK;" : "START TRANSACTION READ WRITE; ROLLBACK;";
            await probe.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
