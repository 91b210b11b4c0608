#:package Microsoft.Playwright
#:property PublishAot=false
// Memory per open Blazor circuit, measured from outside the app (docs/performance.md).
// Starts the built app (Release) on SQLite in a temporary data folder on a free loopback port, registers one
// account, and opens tabs in headless Chromium on the dashboard or in the composer. At each count it reads the
// process's RSS (/proc) and its GC heap after a full collection (dotnet-gcdump, which also names what the heap
// holds), then closes the tabs and reads both again. Bounded: at most --tabs tabs, every wait has a timeout.
//
//   dotnet build src/HelpAsk.Web -c Release
//   dotnet run scripts/circuit-memory.cs -- [--page dashboard|composer] [--tabs 10,30,60] [--step 0-5] [--helpers 0-9] [--text]
// --step: the composer step each tab moves to with Next (0, the first, by default; 3 shows the date picker).
// --helpers: helpers added to the account (on the Helpers page) before the tabs open; with any, the composer's helper
// step (--step 2) shows its list to choose from (a MudSelect) instead of the form to add someone. None by default.
// --text: in each composer tab, before moving on with Next, the first field ("What's going on") gets a situation text
// the coach raises pitfalls in (Situation below); the tab waits until the draft is saved and the finding cards are
// shown. Without it every draft is empty, as before.
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

var page = Option("--page", "dashboard");
var counts = Option("--tabs", "10,30,60").Split(',').Select(int.Parse).ToArray();
var step = int.Parse(Option("--step", "0"), System.Globalization.CultureInfo.InvariantCulture);
var helpers = int.Parse(Option("--helpers", "0"), System.Globalization.CultureInfo.InvariantCulture);
var text = args.Contains("--text");
// A real user's first field: apologies, urgency and a minimised ask, which the coach shows as finding cards.
const string Situation = "Sorry to bother you, I'm so sorry, I'm desperate — the boiler broke and it'll only take a minute of your time. You'd love it, honestly.";
var repository = FindRepository();
var appDll = Path.Combine(repository, "src/HelpAsk.Web/bin/Release/net10.0/HelpAsk.Web.dll");
if (!File.Exists(appDll))
{
    Console.Error.WriteLine($"Build the app first: dotnet build src/HelpAsk.Web -c Release ({appDll} is missing)");
    return 1;
}

var data = Directory.CreateTempSubdirectory("helpask-circuits-").FullName;
var port = FreePort();
var address = $"http://127.0.0.1:{port}/";
using var app = Process.Start(new ProcessStartInfo("dotnet", [appDll])
{
    WorkingDirectory = Path.GetDirectoryName(appDll)!,
    Environment =
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["ASPNETCORE_URLS"] = address.TrimEnd('/'),
        ["Storage__DataDirectory"] = data,
        ["Email__PublicBaseUrl"] = address,
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
    await WaitForHealthAsync(address);
    using var playwright = await Playwright.CreateAsync();
    await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = Environment.GetEnvironmentVariable("HELPASK_CHROMIUM") ?? "/usr/bin/chromium",
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-sync"],
    });
    var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = address });
    context.SetDefaultTimeout(60_000);
    var first = await context.NewPageAsync();
    await RegisterAsync(first);
    for (var helper = 1; helper <= helpers; helper++)
    {
        await AddHelperAsync(first, $"Helper {helper}");
    }

    var path = page == "composer" ? "requests/new" : "";
    var shown = await OpenAsync(first, path, step, page == "composer" && text);
    if (shown.Length > 0)
    {
        Console.WriteLine($"finding cards after the text (first tab): {shown.Length}, {string.Join(", ", shown)}");
    }

    // One tab open: what the app holds for everyone (catalog, compiled pages) is in the baseline, not per circuit.
    var baseline = await MeasureAsync(app.Id, "1 tab");
    Console.WriteLine($"page: {page}; step {step}; helpers {helpers}; text {(page == "composer" && text ? "yes" : "no")}; baseline with 1 tab: RSS {baseline.Rss / 1024.0:F1} MB, GC heap {baseline.Heap / 1024.0:F1} MB");
    // Per circuit: the growth from the previous count over the tabs added, so warm-up left in the baseline cancels out.
    Console.WriteLine("| tabs | RSS MB | GC heap MB | RSS per added circuit KB | GC heap per added circuit KB |");
    Console.WriteLine("|---:|---:|---:|---:|---:|");
    var previous = (Count: 1, Memory: baseline);
    var tabs = new List<IPage> { first };
    foreach (var count in counts)
    {
        while (tabs.Count < count)
        {
            var tab = await context.NewPageAsync();
            await OpenAsync(tab, path, step, page == "composer" && text);
            tabs.Add(tab);
        }

        await Task.Delay(TimeSpan.FromSeconds(2));
        var at = await MeasureAsync(app.Id, $"{count} tabs");
        var added = (double)(count - previous.Count);
        Console.WriteLine($"| {count} | {at.Rss / 1024.0:F1} | {at.Heap / 1024.0:F1} | {(at.Rss - previous.Memory.Rss) / added:F0} | {(at.Heap - previous.Memory.Heap) / added:F0} |");
        previous = (count, at);
    }

    foreach (var tab in tabs.Skip(1))
    {
        await tab.CloseAsync(new PageCloseOptions { RunBeforeUnload = true });
    }

    foreach (var wait in new[] { 5, 30 })
    {
        await Task.Delay(TimeSpan.FromSeconds(wait));
        var closed = await MeasureAsync(app.Id, $"closed +{wait}s");
        Console.WriteLine($"tabs closed, {wait} s later: RSS {closed.Rss / 1024.0:F1} MB, GC heap {closed.Heap / 1024.0:F1} MB ({(closed.Heap - baseline.Heap) / 1024.0:F1} MB above the baseline)");
    }

    return 0;
}
finally
{
    app.Kill(entireProcessTree: true);
    await app.WaitForExitAsync();
    Directory.Delete(data, recursive: true);
}

static async Task RegisterAsync(IPage page)
{
    await page.GotoAsync("Account/Register");
    await page.GetByLabel("Your name").FillAsync("Priya Shah");
    await page.GetByLabel("Email").FillAsync($"circuits-{Guid.NewGuid():N}@example.org");
    await page.GetByLabel("Password", new PageGetByLabelOptions { Exact = true }).FillAsync("a long enough passphrase");
    await page.GetByLabel("Confirm Password").FillAsync("a long enough passphrase");
    await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Register" }).ClickAsync();
    await page.WaitForURLAsync(url => !url.Contains("Account/Register", StringComparison.Ordinal));
}

static async Task AddHelperAsync(IPage page, string name)
{
    await page.GotoAsync("helpers");
    await page.Locator("html[data-interactive='true']").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
    await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Add someone" }).ClickAsync();
    await page.Locator("#helper-form").GetByLabel("Name", new LocatorGetByLabelOptions { Exact = true }).FillAsync(name);
    await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Save", Exact = true }).ClickAsync();
    await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = name, Exact = true }).WaitForAsync();
}

static async Task<string[]> OpenAsync(IPage tab, string path, int step, bool text)
{
    string[] shown = [];
    await tab.GotoAsync(path);
    await tab.Locator("html[data-interactive='true']").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
    if (text)
    {
        // One input event with the whole text (what pasting does), then the autosave and the coach's cards.
        await tab.GetByLabel("What's going on", new PageGetByLabelOptions { Exact = true }).FillAsync(Situation);
        await tab.Locator(".save-indicator[data-state='saved']").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        await tab.Locator(".finding-card").First.WaitForAsync();
        shown = [.. (await tab.Locator(".finding-card").EvaluateAllAsync<string[]>("cards => cards.map(c => c.dataset.rule)"))];
    }

    for (var at = 0; at < step; at++)
    {
        await tab.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Next", Exact = true }).ClickAsync();
        await tab.Locator($"#step-tab-{at + 1}[aria-selected='true']").WaitForAsync();
    }

    return shown;
}

// RSS from /proc; GC heap as dotnet-gcdump finds it after the full collection it triggers.
async Task<(long Rss, long Heap)> MeasureAsync(int pid, string label)
{
    var dump = Path.Combine(data, $"{page}-{label.Replace(' ', '-').Replace('+', 'p')}.gcdump");
    await RunAsync("dotnet", ["tool", "run", "dotnet-gcdump", "collect", "-p", pid.ToString(), "-o", dump]);
    var report = await RunAsync("dotnet", ["tool", "run", "dotnet-gcdump", "report", dump]);
    var kept = Environment.GetEnvironmentVariable("HELPASK_GCDUMPS");
    if (kept is not null)
    {
        Directory.CreateDirectory(kept);
        File.Copy(dump, Path.Combine(kept, Path.GetFileName(dump)), overwrite: true);
        File.WriteAllText(Path.Combine(kept, Path.GetFileNameWithoutExtension(dump) + ".txt"), report);
    }

    var total = Regex.Match(report, @"^\s*([\d,]+)\s+GC Heap bytes", RegexOptions.Multiline);
    var heap = total.Success ? long.Parse(total.Groups[1].Value.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture) / 1024 : -1;
    var rss = long.Parse(Regex.Match(File.ReadAllText($"/proc/{pid}/status"), @"VmRSS:\s+(\d+) kB").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    return (rss, heap);
}

async Task<string> RunAsync(string file, string[] arguments)
{
    using var process = Process.Start(new ProcessStartInfo(file, arguments) { WorkingDirectory = repository, RedirectStandardOutput = true })!;
    var output = await process.StandardOutput.ReadToEndAsync();
    using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
    await process.WaitForExitAsync(timeout.Token);
    return output;
}

static async Task WaitForHealthAsync(string address)
{
    using var client = new HttpClient { BaseAddress = new Uri(address) };
    for (var attempt = 0; attempt < 120; attempt++)
    {
        try
        {
            if ((await client.GetAsync("healthz")).StatusCode == HttpStatusCode.OK)
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

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

static string FindRepository()
{
    for (var folder = new DirectoryInfo(Environment.CurrentDirectory); folder is not null; folder = folder.Parent)
    {
        if (File.Exists(Path.Combine(folder.FullName, "HelpAsk.sln")))
        {
            return folder.FullName;
        }
    }

    throw new InvalidOperationException("Run from inside the repository.");
}

string Option(string name, string fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
}
