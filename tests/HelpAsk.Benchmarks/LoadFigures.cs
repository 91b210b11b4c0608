using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using HelpAsk.Core.Domain;
using HelpAsk.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HelpAsk.Benchmarks;

/// <summary>
/// Requests per second and latency of the helper's answer page (GET and POST) and the sign-in page under wrk
/// (docs/performance.md, "Under load"; scripts/load-figures.sh runs it for both providers). Seeds an account with one
/// sent request and a real answer link, starts the Release build of the app in Production on a free loopback port,
/// runs wrk once per page and prints a table. Loopback only, every wait bounded.
/// </summary>
public static partial class LoadFigures
{
    public static async Task RunAsync(string[] args)
    {
        var provider = Enum.Parse<DatabaseProvider>(Measuring.Option(args, "--provider", "Sqlite"), ignoreCase: true);
        var connections = int.Parse(Measuring.Option(args, "--connections", "16"), CultureInfo.InvariantCulture);
        var seconds = int.Parse(Measuring.Option(args, "--seconds", "20"), CultureInfo.InvariantCulture);
        var appDll = Path.GetFullPath(Measuring.Option(args, "--app", "src/HelpAsk.Web/bin/Release/net10.0/HelpAsk.Web.dll"));
        if (!File.Exists(appDll))
        {
            throw new FileNotFoundException($"Build the app first: dotnet build src/HelpAsk.Web -c Release ({appDll} is missing)");
        }

        var data = Directory.CreateTempSubdirectory("helpask-load-").FullName;
        var connectionString = provider == DatabaseProvider.PostgreSQL
            ? new NpgsqlConnectionStringBuilder(Measuring.Option(args, "--connection", "")) { Database = "helpask_load" }.ConnectionString
            : $"Data Source={Path.Combine(data, DataSetup.DatabaseFileName)}";
        var token = await SeedAsync(provider, connectionString);

        var port = FreePort();
        var address = $"http://127.0.0.1:{port}";
        using var app = Process.Start(new ProcessStartInfo("dotnet", [appDll])
        {
            WorkingDirectory = Path.GetDirectoryName(appDll)!,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["ASPNETCORE_URLS"] = address,
                ["Storage__DataDirectory"] = data,
                ["Database__Provider"] = provider.ToString(),
                ["ConnectionStrings__HelpAsk"] = connectionString,
                ["Email__PublicBaseUrl"] = address + "/",
                // From one address (wrk on loopback) the default 30 a minute would answer nearly every request 429:
                // the limit is raised so the page itself is measured.
                ["RateLimits__AnswerPage__PermitLimit"] = "100000000",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        app.OutputDataReceived += (_, _) => { };
        app.ErrorDataReceived += (_, _) => { };
        app.BeginOutputReadLine();
        app.BeginErrorReadLine();
        try
        {
            using var cookies = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
            using var http = new HttpClient(cookies) { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) };
            await WaitHealthyAsync(http);

            // A real form post: the antiforgery cookie and token from the page, the answer alternating so each post records one.
            var page = await http.GetStringAsync($"/answer/{token}");
            var hidden = HiddenInput().Matches(page).ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));
            string Body(string kind) => new FormUrlEncodedContent(hidden.Append(new("Input.Kind", kind)).Append(new("Input.Note", "See you Saturday")))
                .ReadAsStringAsync().GetAwaiter().GetResult();
            using (var first = await http.PostAsync($"/answer/{token}", new StringContent(Body("Yes"), System.Text.Encoding.ASCII, "application/x-www-form-urlencoded")))
            {
                if ((int)first.StatusCode >= 400)
                {
                    throw new InvalidOperationException($"The answer form was refused: {(int)first.StatusCode}");
                }
            }

            var cookie = cookies.CookieContainer.GetCookieHeader(new Uri(address));
            // Every run counts its responses by status (each wrk thread keeps its own count; done() adds them up).
            const string statuses = """
                local threads = {}
                function setup(thread) table.insert(threads, thread) end
                function init(args) statuses = {} end
                function response(status, headers, body) statuses[status] = (statuses[status] or 0) + 1 end
                function done(summary, latency, requests)
                  local total = {}
                  for _, t in ipairs(threads) do
                    for code, count in pairs(t:get("statuses")) do total[code] = (total[code] or 0) + count end
                  end
                  local codes = {}
                  for code, count in pairs(total) do table.insert(codes, code .. " ×" .. count) end
                  table.sort(codes)
                  io.write("Statuses: " .. table.concat(codes, ", ") .. "\n")
                end
                """;
            var get = Path.Combine(data, "get.lua");
            await File.WriteAllTextAsync(get, statuses);
            var post = Path.Combine(data, "post.lua");
            await File.WriteAllTextAsync(post, statuses + "\n" + $$"""
                wrk.method = "POST"
                wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
                wrk.headers["Cookie"] = "{{cookie}}"
                local bodies = { "{{Body("Yes")}}", "{{Body("NotThisTime")}}" }
                local n = 0
                request = function()
                  n = n + 1
                  return wrk.format(nil, nil, nil, bodies[(n % 2) + 1])
                end
                """);

            Console.WriteLine($"| provider | page | connections, seconds | requests/s | p50 | p99 | responses by status; socket errors | load average before → after |");
            Console.WriteLine("|---|---|---|---:|---:|---:|---|---|");
            foreach (var (name, path, script) in new[]
                     {
                         ("answer page GET", $"/answer/{token}", get),
                         ("answer page POST (alternating answers)", $"/answer/{token}", post),
                         ("sign-in page GET", "/Account/Login", get),
                     })
            {
                var before = Measuring.LoadAverage();
                var output = Wrk(address + path, connections, seconds, script);
                var after = Measuring.LoadAverage();
                Console.WriteLine($"| {provider} | {name} | {connections}, {seconds} s | {Figure(output, @"Requests/sec:\s+([\d.]+)")} | "
                    + $"{Figure(output, @"\s50%\s+(\S+)")} | {Figure(output, @"\s99%\s+(\S+)")} | "
                    + $"{Figure(output, "Statuses: (.+)")}; {Figure(output, "Socket errors: (.+)", "none")} | {before} → {after} |");
            }
        }
        finally
        {
            app.Kill(entireProcessTree: true);
            await app.WaitForExitAsync();
            // What went wrong during the runs, in the app's own words (its log file keeps errors and slow requests).
            var errors = Directory.GetFiles(Path.Combine(data, "logs"), "*.log")
                .SelectMany(File.ReadLines)
                .Where(line => line.Contains("[ERR]", StringComparison.Ordinal) || line.Contains("Exception:", StringComparison.Ordinal))
                .Select(line => line.Length > 300 ? line[..300] : line)
                .ToList();
            Console.WriteLine($"{provider}: {errors.Count} error lines in the app's log; the first distinct ones:");
            foreach (var line in errors.Distinct().Take(6))
            {
                Console.WriteLine("    " + line);
            }

            SqliteConnection.ClearAllPools();
            if (provider == DatabaseProvider.PostgreSQL)
            {
                await using var db = Context(provider, connectionString);
                await db.Database.EnsureDeletedAsync();
            }

            Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>A new database with one account, a helper and a request sent to them; returns the helper's answer token.</summary>
    private static async Task<string> SeedAsync(DatabaseProvider provider, string connectionString)
    {
        await using var db = Context(provider, connectionString);
        await db.Database.EnsureDeletedAsync();
        await db.Database.MigrateAsync();
        var now = DateTime.UtcNow;
        var user = new ApplicationUser { UserName = "load@example.org", NormalizedUserName = "LOAD@EXAMPLE.ORG", Email = "load@example.org", NormalizedEmail = "LOAD@EXAMPLE.ORG", EmailConfirmed = true, DisplayName = "Dana Load" };
        var helper = new Helper { OwnerId = user.Id, Name = "Sam Jones", Email = "sam@example.org", CreatedAt = now };
        var request = HelpRequest.StartDraft(user.Id, now, "Moving day");
        request.HelperId = helper.Id;
        request.Situation = "I am moving flat on Saturday.";
        request.Signal = "I need your help.";
        request.WhatINeed = "Could you help me carry boxes for two hours?";
        request.ComposedText = "Hi Sam,\n\nI am moving flat on Saturday. I need your help. Could you help me carry boxes for two hours?\n\nNo worries if not.";
        request.MoveTo(RequestStatus.Sent, now);
        var (link, token) = ResponseLink.Issue(request.Id, now, TimeSpan.FromDays(30));
        db.Users.Add(user);
        db.Helpers.Add(helper);
        db.HelpRequests.Add(request);
        db.ResponseLinks.Add(link);
        await db.SaveChangesAsync();
        return token;
    }

    private static HelpAskDbContext Context(DatabaseProvider provider, string connectionString) =>
        Measuring.Contexts(provider, connectionString).CreateDbContext();

    private static async Task WaitHealthyAsync(HttpClient http)
    {
        for (var attempt = 0; attempt < 120; attempt++)
        {
            try
            {
                if ((await http.GetAsync("/healthz")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(500);
        }

        throw new TimeoutException("The app did not become healthy within a minute.");
    }

    private static string Wrk(string url, int connections, int seconds, string script)
    {
        List<string> arguments = ["-t2", $"-c{connections}", $"-d{seconds}s", "--latency", "--timeout", "10s", "-s", script, url];
        using var wrk = Process.Start(new ProcessStartInfo("wrk", arguments) { RedirectStandardOutput = true })!;
        var output = wrk.StandardOutput.ReadToEnd();
        if (!wrk.WaitForExit(TimeSpan.FromSeconds(seconds + 60)))
        {
            wrk.Kill();
        }

        return output;
    }

    private static string Figure(string output, string pattern, string fallback = "?") =>
        Regex.Match(output, pattern) is { Success: true } match ? match.Groups[1].Value.Trim() : fallback;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"<input type=""hidden"" name=""(?<name>[^""]+)"" value=""(?<value>[^""]*)""")]
    private static partial Regex HiddenInput();
}
