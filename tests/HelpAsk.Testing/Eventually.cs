using Microsoft.Extensions.DependencyInjection;

namespace HelpAsk.Testing;

/// <summary>
/// The one way tests wait for what happens in the background (the dispatcher, a save after typing, a log line):
/// read again after a short pause until it holds, up to a generous limit, so a slow machine is only slower.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan DefaultLimit = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(50);

    /// <summary>Waits until <paramref name="condition"/> holds; fails with "Still waiting for: <paramref name="what"/>" at the limit.</summary>
    public static async Task HoldsAsync(Func<Task<bool>> condition, string what, int seconds = 30)
    {
        ArgumentNullException.ThrowIfNull(condition);
        _ = await ReadAsync(condition, held => held, what, TimeSpan.FromSeconds(seconds));
    }

    public static Task HoldsAsync(Func<bool> condition, string what, int seconds = 30)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return HoldsAsync(() => Task.FromResult(condition()), what, seconds);
    }

    /// <summary>The first read that is <paramref name="expected"/>; fails with "Still waiting for: <paramref name="what"/>" at the limit.</summary>
    public static async Task<T> ReadAsync<T>(Func<Task<T>> read, Func<T, bool> expected, string what, TimeSpan? limit = null)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(expected);
        var until = DateTime.UtcNow + (limit ?? DefaultLimit);
        while (true)
        {
            var value = await read();
            if (expected(value))
            {
                return value;
            }

            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"Still waiting for: {what}");
            }

            await Task.Delay(Pause);
        }
    }

    /// <summary>
    /// What a service of <paramref name="app"/> finds for the account once <paramref name="expected"/> holds (a save
    /// follows typing by a pause), within a minute (a dropped connection takes Blazor a while to find again).
    /// </summary>
    public static async Task<T> StoredAsync<TService, T>(HelpAskAppFactory app, string accountId, Func<TService, Task<T?>> find, Func<T, bool> expected)
        where TService : notnull
        where T : class
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(find);
        ArgumentNullException.ThrowIfNull(expected);
        var stored = await ReadAsync(
            async () =>
            {
                await using var scope = app.Services.CreateAsyncScope();
                return await find(app.ServiceFor<TService>(accountId, scope));
            },
            stored => stored is not null && expected(stored),
            $"the stored {typeof(T).Name} to be as expected",
            TimeSpan.FromMinutes(1));
        return stored!;
    }
}
