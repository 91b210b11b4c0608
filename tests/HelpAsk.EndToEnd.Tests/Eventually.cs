using HelpAsk.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HelpAsk.EndToEnd.Tests;

public static class Eventually
{
    /// <summary>
    /// What a service of <paramref name="app"/> finds for the account once <paramref name="expected"/> holds (a save
    /// follows typing by a pause), or the last read after a minute (a dropped connection takes Blazor a while to find again).
    /// </summary>
    public static async Task<T> StoredAsync<TService, T>(HelpAskAppFactory app, string accountId, Func<TService, Task<T?>> find, Func<T, bool> expected)
        where TService : notnull
        where T : class
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(find);
        ArgumentNullException.ThrowIfNull(expected);
        T? stored = null;
        for (var attempt = 0; attempt < 240; attempt++)
        {
            await using var scope = app.Services.CreateAsyncScope();
            stored = await find(app.ServiceFor<TService>(accountId, scope));
            if (stored is not null && expected(stored))
            {
                return stored;
            }

            await Task.Delay(250);
        }

        return stored ?? throw new InvalidOperationException($"Nothing of the kind {typeof(T).Name} is stored.");
    }
}
