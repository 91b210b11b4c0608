using HelpAsk.Core.Domain;
using HelpAsk.Testing;
using HelpAsk.Web.Features.Requests;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace HelpAsk.EndToEnd.Tests;

/// <summary>
/// Faults on the server's side while someone types, each on an app of its own (the shared one must not be
/// restarted or locked under the other tests): every character typed ends up in the database.
/// </summary>
[Collection(BrowserCollection.Name)]
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

    /// <summary>The draft as <paramref name="app"/> has it stored, once its situation is <paramref name="expected"/> (or after a minute).</summary>
    private static async Task<string?> StoredSituationAsync(HelpAskAppFactory app, string accountId, Guid id, string expected)
    {
        HelpRequest? stored = null;
        for (var attempt = 0; attempt < 240 && stored?.Situation != expected; attempt++)
        {
            if (attempt > 0)
            {
                await Task.Delay(250);
            }

            await using var scope = app.Services.CreateAsyncScope();
            stored = await app.ServiceFor<RequestStore>(accountId, scope).FindAsync(id);
        }

        return stored?.Situation;
    }

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
}
