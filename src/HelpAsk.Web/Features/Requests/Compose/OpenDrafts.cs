using System.Collections.Concurrent;

namespace HelpAsk.Web.Features.Requests.Compose;

/// <summary>
/// Which drafts a composer has open (in this server). An empty draft left behind is removed only after a pause
/// and only if no composer opened it meanwhile: a refresh closes the page before the new one opens it, and the
/// browser may be bringing back text the server never received.
/// </summary>
public static class OpenDrafts
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(30);
    private static readonly ConcurrentDictionary<Guid, int> Open_ = new();

    public static void Open(Guid id) => Open_.AddOrUpdate(id, 1, (_, count) => count + 1);

    public static void Close(Guid id)
    {
        if (Open_.AddOrUpdate(id, 0, (_, count) => count - 1) <= 0)
        {
            Open_.TryRemove(new KeyValuePair<Guid, int>(id, 0));
        }
    }

    /// <summary>Runs <paramref name="discard"/> (which removes the draft only if it is still empty) once the pause is over, if no page opened it.</summary>
    public static Task DiscardIfStillEmptyAsync(Guid id, Func<Task<bool>> discard)
    {
        ArgumentNullException.ThrowIfNull(discard);
        _ = Task.Delay(Grace).ContinueWith(
            async _ =>
            {
                if (!Open_.ContainsKey(id))
                {
                    try
                    {
                        await discard();
                    }
                    catch (ObjectDisposedException)
                    {
                        // The app is stopping: an empty draft stays, which loses nothing.
                    }
                }
            },
            TaskScheduler.Default);
        return Task.CompletedTask;
    }
}
