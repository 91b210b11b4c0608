namespace HelpAsk.Web.Hosting;

/// <summary>
/// Wakes one waiting loop early. Rings while the loop is busy are kept as one, so the loop looks again once
/// after its round and nothing rung meanwhile is missed.
/// </summary>
public sealed class Wakeup
{
    private readonly SemaphoreSlim signal = new(0, 1);

    public void Ring()
    {
        try
        {
            signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already rung: one wake-up covers everything rung so far.
        }
    }

    /// <summary>Waits until rung or <paramref name="timeout"/> passes; true when rung.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => signal.WaitAsync(timeout, cancellationToken);
}
