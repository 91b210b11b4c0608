using HelpAsk.Testing;

namespace HelpAsk.Web.Tests.Integration;

/// <summary>A fresh app on its own SQLite file, with two accounts: Alice, whose data is under test, and Bob, who must never see it.</summary>
public abstract class TwoAccountsTest : IAsyncLifetime
{
    protected HelpAskAppFactory App { get; } = new();

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
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
