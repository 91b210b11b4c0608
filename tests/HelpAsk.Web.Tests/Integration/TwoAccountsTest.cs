using HelpAsk.Testing;

namespace HelpAsk.Web.Tests.Integration;

/// <summary>A fresh app on its own SQLite file, with two accounts: Alice, whose data is under test, and Bob, who must never see it.</summary>
public abstract class TwoAccountsTest(HelpAskAppFactory? app = null) : IAsyncLifetime
{
    protected HelpAskAppFactory App { get; } = app ?? new();

    protected string Alice { get; private set; } = "";

    protected string Bob { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        Alice = await App.CreateAccountAsync("alice@example.org");
        Bob = await App.CreateAccountAsync("bob@example.org");
    }

    public ValueTask DisposeAsync()
    {
        App.Dispose();
        DisposeMore();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    /// <summary>What a kind of test starts beside the app (a mail server) and stops after it.</summary>
    protected virtual void DisposeMore()
    {
    }
}
