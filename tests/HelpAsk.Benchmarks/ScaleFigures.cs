using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using HelpAsk.Core.Domain;
using HelpAsk.Core.Validation;
using HelpAsk.Testing;
using HelpAsk.Web.Data;
using HelpAsk.Web.Features.Account;
using HelpAsk.Web.Features.Dashboard;
using HelpAsk.Web.Features.Requests;
using HelpAsk.Web.Features.Shell;
using HelpAsk.Web.Features.Thanks;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace HelpAsk.Benchmarks;

/// <summary>
/// The dashboard and the requests list for one account among many (docs/performance.md, "At scale"): seeds a new
/// database with <c>--accounts</c> × <c>--requests</c> (ScaleSeed), prints the plan of every query the dashboard and a
/// list page run for one account (PostgreSQL: EXPLAIN (ANALYZE, BUFFERS); SQLite: EXPLAIN QUERY PLAN), then the median
/// time of each, measured as the app runs them (EF Core, a context per call).
/// </summary>
public static class ScaleFigures
{
    public static async Task RunAsync(string[] args)
    {
        var provider = Enum.Parse<DatabaseProvider>(Measuring.Option(args, "--provider", "PostgreSQL"), ignoreCase: true);
        var connectionString = Measuring.Option(args, "--connection", "");
        var accounts = int.Parse(Measuring.Option(args, "--accounts", "200"), CultureInfo.InvariantCulture);
        var requests = int.Parse(Measuring.Option(args, "--requests", "2500"), CultureInfo.InvariantCulture);
        var runs = int.Parse(Measuring.Option(args, "--runs", "31"), CultureInfo.InvariantCulture);
        if (connectionString.Length == 0)
        {
            throw new ArgumentException("--connection is needed: a PostgreSQL connection string naming a database to replace, or a SQLite one (Data Source=FILE).");
        }

        var plans = new PlanCapture();
        var contexts = Measuring.Contexts(provider, connectionString, plans);

        var now = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        IReadOnlyList<string> owners;
        await using (var db = await contexts.CreateDbContextAsync())
        {
            if (args.Contains("--measure-only"))
            {
                // The database seeded by an earlier run: its accounts in the order they were made.
                owners = await db.Users.OrderBy(u => u.UserName).Select(u => u.Id).ToListAsync();
            }
            else
            {
                await db.Database.EnsureDeletedAsync();
                await db.Database.MigrateAsync();
                owners = await ScaleSeed.SeedAsync(db, accounts, requests, now, Console.WriteLine);
                // Fresh statistics (and, on PostgreSQL, the visibility map that lets an index answer alone), as autovacuum would.
                await db.Database.ExecuteSqlRawAsync(provider == DatabaseProvider.PostgreSQL ? "VACUUM ANALYZE" : "ANALYZE");
                Console.WriteLine($"Seeded {accounts} accounts × {requests} requests on {provider} in {clock.Elapsed.TotalSeconds:F0} s.");
            }

            var all = HelpAskDbContext.Ownership;
            Console.WriteLine($"Rows: {await db.Users.CountAsync():N0} accounts, {await db.HelpRequests.IgnoreQueryFilters([all]).CountAsync():N0} requests, "
                + $"{await db.RequestEvents.IgnoreQueryFilters([all]).CountAsync():N0} timeline events, {await db.Helpers.IgnoreQueryFilters([all]).CountAsync():N0} helpers, "
                + $"{await db.ThankYouNotes.IgnoreQueryFilters([all]).CountAsync():N0} thank-you notes, {await db.ImpactFollowUps.IgnoreQueryFilters([all]).CountAsync():N0} follow-ups.");
        }

        // One account in the middle of the data, as a reader in UTC.
        var account = HelpAskAppFactory.AccountOf(owners[owners.Count / 2]);
        var reader = new ReaderClock(TimeProvider.System);
        var dashboard = new DashboardQueries(contexts, account, TimeProvider.System, reader);
        var followUps = new ImpactFollowUps(contexts, account, TimeProvider.System, reader);
        var list = new RequestStore(contexts, account, new HelpRequestDraftValidator(), TimeProvider.System);
        Guid helper, request;
        await using (var db = await contexts.OpenForAsync(account))
        {
            var thanked = await db.HelpRequests.Where(r => r.HelperId != null && r.Status == RequestStatus.Thanked)
                .Select(r => new { Helper = r.HelperId!.Value, r.Id }).FirstAsync();
            (helper, request) = (thanked.Helper, thanked.Id);
        }

        var measured = new (string Name, Func<Task> Run)[]
        {
            ("dashboard: summary tiles", () => dashboard.GetSummaryAsync()),
            ("dashboard: recent answers", () => dashboard.GetRecentAnswersAsync()),
            ("dashboard: requests gone quiet", () => dashboard.GetQuietRequestsAsync()),
            ("dashboard: follow-ups due", () => followUps.ListDueAsync()),
            ("dashboard: helped, not thanked", () => dashboard.GetAwaitingThanksAsync()),
            ("dashboard: recent activity", () => dashboard.GetRecentActivityAsync()),
            ("dashboard: charts", () => dashboard.GetChartsAsync()),
            ("list: first page (25), newest first", () => list.PageAsync(new RequestFilter(), 1, 25)),
            ("list: page 50 (25)", () => list.PageAsync(new RequestFilter(), 50, 25)),
            ("list: status Sent, first page", () => list.PageAsync(new RequestFilter(Status: RequestStatus.Sent), 1, 25)),
            ("list: one helper, first page", () => list.PageAsync(new RequestFilter(HelperId: helper), 1, 25)),
            ("list: search \"printer\", first page", () => list.PageAsync(new RequestFilter(Search: "printer"), 1, 25)),
            ("timeline: one request with its events", () => list.FindAsync(request)),
        };

        Console.WriteLine();
        Console.WriteLine($"## Plans for one account ({provider})");
        foreach (var (name, run) in measured)
        {
            await run(); // warm: compiled query, pooled connection
            plans.Capturing = true;
            await run();
            plans.Capturing = false;
            Console.WriteLine();
            Console.WriteLine($"### {name}");
            foreach (var plan in plans.Take())
            {
                Console.WriteLine(plan);
            }
        }

        Console.WriteLine();
        Console.WriteLine($"## Medians of {runs} runs ({provider}, load average {Measuring.LoadAverage()})");
        Console.WriteLine("| what | median | p90 |");
        Console.WriteLine("|---|---:|---:|");
        foreach (var (name, run) in measured)
        {
            var times = await TimeAsync(run, runs);
            Console.WriteLine($"| {name} | {Median(times):F2} ms | {Percentile(times, 0.9):F2} ms |");
        }

        var page = await TimeAsync(async () =>
        {
            foreach (var (name, run) in measured.Where(m => m.Name.StartsWith("dashboard", StringComparison.Ordinal)))
            {
                await run();
            }
        }, runs);
        Console.WriteLine($"| **every dashboard query, in turn (the page's figures)** | **{Median(page):F2} ms** | {Percentile(page, 0.9):F2} ms |");
        Console.WriteLine($"(load average after: {Measuring.LoadAverage()})");
    }

    private static async Task<List<double>> TimeAsync(Func<Task> run, int runs)
    {
        await run();
        var times = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await run();
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        return times;
    }

    private static double Median(List<double> times) => Percentile(times, 0.5);

    private static double Percentile(List<double> times, double share)
    {
        var sorted = times.Order().ToList();
        return sorted[(int)Math.Round((sorted.Count - 1) * share)];
    }

    /// <summary>While capturing, runs each query EF Core sends once more under EXPLAIN, with the same parameters.</summary>
    private sealed class PlanCapture : DbCommandInterceptor
    {
        private readonly List<string> plans = [];

        public bool Capturing { get; set; }

        public List<string> Take()
        {
            var taken = plans.ToList();
            plans.Clear();
            return taken;
        }

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (Capturing)
            {
                plans.Add(await ExplainAsync(command, cancellationToken));
            }

            return result;
        }

        private static async Task<string> ExplainAsync(DbCommand command, CancellationToken cancellationToken)
        {
            await using var explain = command.Connection!.CreateCommand();
            explain.Transaction = command.Transaction;
            var postgres = command is NpgsqlCommand;
            explain.CommandText = (postgres ? "EXPLAIN (ANALYZE, BUFFERS) " : "EXPLAIN QUERY PLAN ") + command.CommandText;
            foreach (DbParameter parameter in command.Parameters)
            {
                explain.Parameters.Add(parameter switch
                {
                    NpgsqlParameter p => p.Clone(),
                    SqliteParameter p => new SqliteParameter(p.ParameterName, p.Value) { SqliteType = p.SqliteType },
                    _ => throw new NotSupportedException(parameter.GetType().Name),
                });
            }

            var text = new StringBuilder("```\n").AppendLine(command.CommandText).AppendLine("--");
            await using var rows = await explain.ExecuteReaderAsync(cancellationToken);
            while (await rows.ReadAsync(cancellationToken))
            {
                // PostgreSQL: one line of plan per row; SQLite: id, parent, unused, detail.
                text.AppendLine(postgres ? rows.GetString(0) : $"{rows.GetInt32(0),3} {rows.GetInt32(1),3}  {rows.GetString(3)}");
            }

            return text.Append("```").ToString();
        }
    }
}
