using HelpAsk.Testing;

namespace HelpAsk.EndToEnd.Tests;

/// <summary>
/// One real HelpAsk on a loopback port and one headless Chromium for each collection of browser tests;
/// each test gets its own browser context (its own cookies and storage).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>Debian's Chromium; Playwright cannot download its own browser here. Override with HELPASK_CHROMIUM.</summary>
    public static string ChromiumPath => Environment.GetEnvironmentVariable("HELPASK_CHROMIUM") ?? "/usr/bin/chromium";

    private readonly List<(string? Test, IBrowserContext Context)> contexts = [];
    private IPlaywright? playwright;

    public HelpAskAppFactory App { get; } = new(onKestrel: true);

    public IBrowser Browser { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        // Expectations wait as long as actions do (15 s, below): on a busy two-core machine running both browser
        // collections and the web tests at once, a page can take more than Playwright's default 5 s to show.
        Assertions.SetDefaultExpectTimeout(15_000);
        App.StartServer();
        BaseAddress = App.ServerAddress;
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright?.Dispose();
        await App.DisposeAsync();
    }

    public const string Password = "a long enough passphrase";

    /// <summary>A page signed in to a brand-new account, on its interactive dashboard.</summary>
    public async Task<IPage> NewSignedInPageAsync(string namePrefix = "user") => (await NewSignedInAsync(namePrefix)).Page;

    /// <summary>A page signed in to a brand-new account, with the account's id and email for seeding its data.</summary>
    public async Task<(IPage Page, string AccountId, string Email)> NewSignedInAsync(string namePrefix = "user")
    {
        var email = $"{namePrefix}-{Guid.NewGuid():N}@example.org";
        var accountId = await App.CreateAccountAsync(email, Password);
        var page = await NewPageAsync();
        await page.LogInAsync(email, Password);
        await page.WaitForInteractiveAsync();
        return (page, accountId, email);
    }

    /// <summary>A page in a browser context of its own, on this run's app or on <paramref name="app"/>, in the given time zone and locale.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900, Uri? app = null, string? timezoneId = null, string? locale = null)
    {
        var test = TestContext.Current.Test?.UniqueID;
        await CloseEarlierTestsContextsAsync(test);
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = (app ?? BaseAddress).ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            TimezoneId = timezoneId,
            Locale = locale,
        });
        context.SetDefaultTimeout(15_000);
        lock (contexts)
        {
            contexts.Add((test, context));
        }

        return await context.NewPageAsync();
    }

    /// <summary>
    /// The pages earlier tests left open, closed. Each kept its circuit on the server and, once a test's relay had
    /// stopped, a reconnecting page in Chromium: some 80 of them by the end of a run, a core's worth of CPU between them.
    /// The tests of a collection run one at a time, and each collection has its own fixture, so a context of another
    /// test is one whose test has finished.
    /// </summary>
    private async Task CloseEarlierTestsContextsAsync(string? test)
    {
        List<(string? Test, IBrowserContext Context)> earlier;
        lock (contexts)
        {
            earlier = [.. contexts.Where(c => c.Test != test)];
            contexts.RemoveAll(c => c.Test != test);
        }

        foreach (var (_, context) in earlier)
        {
            await context.CloseAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}

/// <summary>
/// The tests that type at a person's pace through a slow relay or a failing server: mostly waiting, they run beside
/// the other browser tests with an app and a Chromium of their own (a collection's fixture is its own).
/// </summary>
[CollectionDefinition(Name)]
public sealed class TypingBrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "typing browser";
}
