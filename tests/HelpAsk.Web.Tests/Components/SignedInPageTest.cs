using Bunit;
using HelpAsk.Testing;

namespace HelpAsk.Web.Tests.Components;

/// <summary>
/// A page rendered with bunit against the real app on a real database: one account, made before each test (with
/// whatever the test class <see cref="SeedAsync"/>s), signed in, and the app disposed with the test.
/// </summary>
public abstract class SignedInPageTest(string email) : BunitContext, IAsyncLifetime
{
    protected HelpAskAppFactory App { get; } = new();

    protected string AccountId { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        AccountId = await App.CreateAccountAsync(email);
        await SeedAsync();
        this.SignInAs(App, AccountId, email);
        AddServices();
    }

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
