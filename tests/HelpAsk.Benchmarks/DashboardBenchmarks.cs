using BenchmarkDotNet.Attributes;
using Bunit;
using HelpAsk.Testing;
using HelpAsk.Web.Data;
using HelpAsk.Web.Features.Account;
using HelpAsk.Web.Features.Dashboard;
using HelpAsk.Web.Features.Shell;
using HelpAsk.Web.Features.Thanks;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpAsk.Benchmarks;

/// <summary>
/// Everything the dashboard loads, on a real SQLite file holding 5,000 requests (two years of history) of one
/// account among others: the figures are aggregated by the database, so this should stay in milliseconds.
/// </summary>
[MemoryDiagnoser]
public class DashboardBenchmarks
{
    private string folder = "";
    private DashboardQueries queries = null!;
    private ImpactFollowUps followUps = null!;
    private IDbContextFactory<HelpAskDbContext> contexts = null!;
    private string owner = "";

    [Params(5_000)]
    public int Requests { get; set; }

    [GlobalSetup]
    public void Seed() => SeedAsync().GetAwaiter().GetResult();

    private async Task SeedAsync()
    {
        folder = Directory.CreateTempSubdirectory("helpask-bench-").FullName;
        // The context as the app builds it: Identity's options decide its schema, so they must be the app's own.
        var services = new ServiceCollection().AddLogging();
        services.AddDbContextFactory<HelpAskDbContext>(options => options.UseSqlite($"Data Source={Path.Combine(folder, "helpask.db")}"));
        services.AddHelpAskAccounts();
        var contexts = services.BuildServiceProvider().GetRequiredService<IDbContextFactory<HelpAskDbContext>>();
        string owner;
        await using (var db = await contexts.CreateDbContextAsync())
        {
            await db.Database.MigrateAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            var users = new[] { "dana@example.org", "eli@example.org" }.Select(e => new ApplicationUser { UserName = e, Email = e }).ToList();
            db.Users.AddRange(users);
            await db.SaveChangesAsync();
            owner = users[0].Id;
            await DashboardSeed.SeedAsync(db, owner, Requests, DateTime.UtcNow);
            db.ChangeTracker.Clear();
            await DashboardSeed.SeedAsync(db, users[1].Id, Requests / 5, DateTime.UtcNow);
        }

        var account = HelpAskAppFactory.AccountOf(owner);
        queries = new DashboardQueries(contexts, account, TimeProvider.System, new ReaderClock(TimeProvider.System));
        followUps = new ImpactFollowUps(contexts, account, TimeProvider.System, new ReaderClock(TimeProvider.System));
        this.owner = owner;
        this.contexts = contexts;
    }

    [Benchmark(Description = "summary tiles")]
    public Task<DashboardSummary> Summary() => queries.GetSummaryAsync();

    [Benchmark(Description = "charts (five aggregates)")]
    public Task<DashboardCharts> Charts() => queries.GetChartsAsync();

    [Benchmark(Description = "recent activity")]
    public Task<IReadOnlyList<ActivityEntry>> Activity() => queries.GetRecentActivityAsync();

    [Benchmark(Description = "recent answers")]
    public Task<IReadOnlyList<RecentAnswer>> Answers() => queries.GetRecentAnswersAsync();

    [Benchmark(Description = "requests gone quiet")]
    public Task<IReadOnlyList<QuietRequest>> Quiet() => queries.GetQuietRequestsAsync();

    [Benchmark(Description = "helped, not thanked")]
    public Task<IReadOnlyList<AwaitingThanks>> AwaitingThanks() => queries.GetAwaitingThanksAsync();

    [Benchmark(Description = "whole dashboard (every query the page runs)")]
    public async Task<int> WholeDashboard()
    {
        var summary = await queries.GetSummaryAsync();
        var answers = await queries.GetRecentAnswersAsync();
        var quiet = await queries.GetQuietRequestsAsync();
        var due = await followUps.ListDueAsync();
        var awaiting = await queries.GetAwaitingThanksAsync();
        var activity = await queries.GetRecentActivityAsync();
        var charts = await queries.GetChartsAsync();
        return summary.Requests + answers.Count + quiet.Count + due.Count + awaiting.Count + activity.Count + charts.TopHelpers.Count;
    }

    [Benchmark(Description = "dashboard page rendered, charts included (bunit)")]
    public int RenderDashboard()
    {
        using var page = new BunitContext();
        page.SignInAs(contexts, owner, "dana@example.org");
        page.Services.AddScoped<DashboardQueries>();
        page.Services.AddScoped<ImpactFollowUps>();
        var dashboard = page.Render<Dashboard>();
        dashboard.WaitForElement("#chart-habits svg", TimeSpan.FromSeconds(30));
        return dashboard.Markup.Length;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
