namespace HelpAsk.Web.Features.Shell;

/// <summary>
/// Re-reads what a page shows of something that changes elsewhere (an email on its way, a helper's answer) every
/// few seconds, for as long as it may still change, so the change shows without a reload. It stops when nothing
/// is expected any more, and when the page goes away. It re-reads only that part, never the page's forms.
/// </summary>
public sealed partial class ChangeWatch(ILogger<ChangeWatch> log) : IDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    private readonly CancellationTokenSource stop = new();
    private Task running = Task.CompletedTask;

    /// <summary>
    /// Re-reads with <paramref name="reread"/> (which runs on the page's dispatcher and re-renders it) for as
    /// long as <paramref name="isWaiting"/>; does nothing if already doing so.
    /// </summary>
    public void Follow(Func<Task> reread, Func<bool> isWaiting)
    {
        if (running.IsCompleted && !stop.IsCancellationRequested && isWaiting())
        {
            running = RunAsync(reread, isWaiting);
        }
    }

    private async Task RunAsync(Func<Task> reread, Func<bool> isWaiting)
    {
        try
        {
            using var timer = new PeriodicTimer(Interval);
            while (await timer.WaitForNextTickAsync(stop.Token))
            {
                await reread();
                if (!isWaiting())
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception failure) when (failure is ObjectDisposedException or InvalidOperationException or System.Data.Common.DbException)
        {
            // The page went away mid-read, or the database was busy: only the live update stops; the
            // page keeps what it last showed, and the next visit or action reads it afresh.
            LogStopped(failure);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped following changes for a page")]
    private partial void LogStopped(Exception failure);

    public void Dispose()
    {
        stop.Cancel();
        stop.Dispose();
    }
}
