using HelpAsk.Core.Domain;
using HelpAsk.Testing;
using HelpAsk.Web.Features.Requests;
using Microsoft.Data.Sqlite;
using static Microsoft.Playwright.Assertions;

namespace HelpAsk.EndToEnd.Tests;

/// <summary>
/// Faults on the server's side while someone types, each on an app of its own (the shared one must not be
/// restarted or locked under the other tests): every character typed ends up in the database.
/// </summary>
[Collection(TypingBrowserCollection.Name)]
public sealed class DraftingUnderFaultsTests(BrowserFixture browser)
{
    private static readonly TimeSpan KeyDelay = TimeSpan.FromMilliseconds(185);

    private static Task TypeAsync(ILocator field, string text) =>
        field.PressSequentiallyAsync(text, new LocatorPressSequentiallyOptions { Delay = (float)KeyDelay.TotalMilliseconds });

    private async Task<(IPage Page, string AccountId, Guid DraftId)> StartDraftAsync(HelpAskAppFactory app)
    {
        var email = $"faults-{Guid.NewGuid():N}@example.org";
        var accountId = await app.CreateAccountAsync(email, BrowserFixture.Password);
        var page = await browser.NewPageAsync(app: app.ServerAddress);
        await page.LogInAsync(email, BrowserFixture.Password);
        await page.WaitForInteractiveAsync();
        await page.StartNewRequestAsync();
        return (page, accountId, Guid.Parse(new Uri(page.Url).Segments[^2].TrimEnd('/')));
    }

    /// <summary>The draft's situation as <paramref name="app"/> has it stored, once it is <paramref name="expected"/> (or after a minute).</summary>
    private static async Task<string> StoredSituationAsync(HelpAskAppFactory app, string accountId, Guid id, string expected) =>
        (await Eventually.StoredAsync<RequestStore, HelpRequest>(app, accountId, store => store.FindAsync(id), r => r.Situation == expected)).Situation;

    /// <summary>
    /// The app is stopped with the page open (its circuit goes with it), the user types on, and the app starts
    /// again on the same data and port: Blazor finds its circuit gone, the page reloads, and the tab's own copy of
    /// what the server never stored comes back and is saved.
    /// </summary>
    [Fact]
    public async Task Text_typed_before_during_and_after_a_server_restart_is_all_stored()
    {
        var data = Directory.CreateTempSubdirectory("helpask-restart-").FullName;
        HelpAskAppFactory? second = null;
        try
        {
            var first = new HelpAskAppFactory(onKestrel: true, dataDirectory: data);
            first.StartServer();
            var (page, accountId, id) = await StartDraftAsync(first);
            var field = page.GetByLabel("What's going on");

            const string before = "Typed before the restart.";
            const string during = " Typed while it was down.";
            const string after = " And after.";
            await TypeAsync(field, before);
            var port = first.ServerAddress.Port;
            await first.DisposeAsync();
            await TypeAsync(field, during);

            second = new HelpAskAppFactory(onKestrel: true, dataDirectory: data, port: port);
            second.StartServer();
            await Expect(page.Locator("html[data-interactive='true']")).ToHaveCountAsync(1, new() { Timeout = 60_000 });
            await Expect(field).ToHaveValueAsync(before + during, new() { Timeout = 60_000 });
            Assert.Equal(before + during, await StoredSituationAsync(second, accountId, id, before + during));

            await field.PressAsync("End");
            await TypeAsync(field, after);
            Assert.Equal(before + during + after, await StoredSituationAsync(second, accountId, id, before + during + after));
            await Expect(page.Locator(".save-indicator")).ToHaveAttributeAsync("data-state", "saved");
        }
        finally
        {
            if (second is not null)
            {
                await second.DisposeAsync();
            }

            SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>An app whose writes give up after two seconds of a locked database (the default is 30).</summary>
    private static HelpAskAppFactory StartWithShortBusyTimeout()
    {
        var app = new HelpAskAppFactory(onKestrel: true);
        app.Settings["ConnectionStrings:HelpAsk"] = $"Data Source={app.DatabasePath};Default Timeout=2";
        app.StartServer();
        return app;
    }

    /// <summary>Another connection holds the database's write lock until disposed (BEGIN EXCLUSIVE; readers still read, as in WAL).</summary>
    private static async Task<SqliteConnection> LockAsync(HelpAskAppFactory app)
    {
        var holder = new SqliteConnection($"Data Source={app.DatabasePath};Pooling=False");
        await holder.OpenAsync();
        await using var begin = holder.CreateCommand();
        begin.CommandText = "BEGIN EXCLUSIVE;";
        await begin.ExecuteNonQueryAsync();
        return holder;
    }

    private const string BeforeTheLock = "Written before the lock.";
    private const string WhileLocked = " Typed while it was locked.";

    /// <summary>
    /// A draft with text stored, more typed with the database locked (shown as not saved, in the tab only), and
    /// the page left for Requests while it still is. The caller releases <c>Lock</c>.
    /// </summary>
    private async Task<(IPage Page, string AccountId, Guid Id, SqliteConnection Lock)> LeaveWhileLockedAsync(HelpAskAppFactory app)
    {
        var (page, accountId, id) = await StartDraftAsync(app);
        var field = page.GetByLabel("What's going on");
        var indicator = page.Locator(".save-indicator");
        await page.FillAndWaitForSaveAsync(field, BeforeTheLock);
        var holder = await LockAsync(app);

        await field.PressAsync("End");
        await TypeAsync(field, WhileLocked);
        await Expect(indicator).ToHaveAttributeAsync("data-state", "failed", new() { Timeout = 15_000 });
        await Expect(indicator).ToContainTextAsync("Not saved — retrying… (the database is busy)");
        Assert.Equal(BeforeTheLock, await StoredSituationAsync(app, accountId, id, BeforeTheLock));
        var kept = await page.EvaluateAsync<string>("key => sessionStorage.getItem(key)", $"helpask.draft:request:{id}");
        Assert.Contains(BeforeTheLock + WhileLocked, kept, StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Requests", Exact = true }).First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/requests$"));
        return (page, accountId, id, holder);
    }

    /// <summary>
    /// Issue 13, point 11: the database is locked by another connection while the user types, and the app gives
    /// up on a write after two seconds. The page says it is not saved and retries, nothing is marked saved (the
    /// browser keeps its copy), leaving the page while it is locked discards nothing (the page's last save keeps
    /// trying), and once the lock goes every character is stored.
    /// </summary>
    [Fact]
    public async Task A_locked_database_during_autosave_says_not_saved_keeps_every_character_and_stores_it_once_free()
    {
        await using var app = StartWithShortBusyTimeout();
        var (page, accountId, id, holder) = await LeaveWhileLockedAsync(app);
        await using (holder)
        {
            await Task.Delay(TimeSpan.FromSeconds(3));
            Assert.Equal(BeforeTheLock, await StoredSituationAsync(app, accountId, id, BeforeTheLock));
        }

        Assert.Equal(BeforeTheLock + WhileLocked, await StoredSituationAsync(app, accountId, id, BeforeTheLock + WhileLocked));
        await page.GotoInteractiveAsync($"requests/{id}/compose");
        await Expect(page.GetByLabel("What's going on")).ToHaveValueAsync(BeforeTheLock + WhileLocked);
        await Expect(page.Locator(".save-indicator")).Not.ToHaveAttributeAsync("data-state", "conflict");
    }

    /// <summary>
    /// The database stays locked long after the user left the page: the draft is still listed, the user is told
    /// it is not saved yet, the session goes on, and the text, kept in the tab, is stored when the draft is opened again.
    /// </summary>
    [Fact]
    public async Task Leaving_while_the_database_stays_locked_says_so_and_the_text_is_stored_when_the_draft_is_opened_again()
    {
        await using var app = StartWithShortBusyTimeout();
        var (page, accountId, id, holder) = await LeaveWhileLockedAsync(app);
        await using (holder)
        {
            await Expect(page.GetByText("could not be saved yet")).ToBeVisibleAsync(new() { Timeout = 60_000 });
            await Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
            Assert.Equal(BeforeTheLock, await StoredSituationAsync(app, accountId, id, BeforeTheLock));
        }

        await Expect(page.Locator(".requests-table tbody tr")).ToHaveCountAsync(1);
        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Resume" }).ClickAsync();
        await Expect(page.GetByLabel("What's going on")).ToHaveValueAsync(BeforeTheLock + WhileLocked);
        Assert.Equal(BeforeTheLock + WhileLocked, await StoredSituationAsync(app, accountId, id, BeforeTheLock + WhileLocked));
    }
}
