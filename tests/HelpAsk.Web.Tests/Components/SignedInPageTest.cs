using Bunit;
using HelpAsk.Testing;

namespace HelpAsk.Web.Tests.Components;

/// <summary>
/// A page rendered with bunit against the real app on a real database: one account, made before each test (with
/// whatever the test class <see cref="SeedAsync"/>s), signed in, and the app disposed with the test.
/// </summary>
public abstract class SignedInPageTest(string email) : BunitContext, IAsyncLifetime
{
    // The pages read a real database (on PostgreSQL over a socket, alongside the other test runs): on a busy machine
    // their first render can take longer than bunit's default one-second wait.
    static SignedInPageTest() => DefaultWaitTimeout = TimeSpan.FromSeconds(10);

    protected HelpAskAppFactory App { get; } = new();

    protected string AccountId { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        AccountId = await App.CreateAccountAsync(email);
        await SeedAsync();
        this.SignInAs(App, AccountId, email);
        AddServices();
    }

    /// <summary>
    /// Finds the first button whose text matches and clicks it in one step on the renderer, awaiting its handler. A page
    /// whose database answers asynchronously (PostgreSQL) re-renders when a read or save completes; a button found
    /// before that render is stale, and its click reaches no handler.
    /// </summary>
    protected static Task ClickAsync<TPage>(IRenderedComponent<TPage> page, Func<string, bool> text, string within = "")
        where TPage : Microsoft.AspNetCore.Components.IComponent =>
        page.InvokeAsync(() => page.FindAll($"{within} button").First(b => text(b.TextContent.Trim())).ClickAsync(new Microsoft.AspNetCore.Components.Web.MouseEventArgs()));

    /// <summary>What the account has before the page opens.</summary>
    protected virtual Task SeedAsync() => Task.CompletedTask;

    /// <summary>The page's features, as the app registers them.</summary>
    protected abstract void AddServices();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            App.Dispose();
        }
    }
}
