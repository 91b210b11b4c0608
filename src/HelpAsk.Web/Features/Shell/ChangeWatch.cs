using HelpAsk.Web.Data;
using HelpAsk.Web.Features.Account;
using HelpAsk.Web.Hosting;

namespace HelpAsk.Web.Features.Shell;

/// <summary>
/// Re-reads what a page shows of something that changes elsewhere (an email on its way, a helper's answer), for as
/// long as it may still change, so the change shows without a reload: at once when the <see cref="ChangeFeed"/> says
/// the signed-in account's data changed on any instance (PostgreSQL), and otherwise every few seconds. It stops when
/// nothing is expected any more, and when the page goes away. It re-reads only that part, never the page's forms.
/// </summary>
public sealed partial class ChangeWatch(ChangeFeed changes, CurrentAccount account, TimeSpan interval, ILogger<ChangeWatch> log) : IDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Wakeup changed = new();
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
            var owner = await account.GetIdAsync();
            using var heard = changes.Subscribe(change =>
            {
                if (change.Concerns(owner))
                {
                    changed.Ring();
                }
            });
            while (true)
            {
                await changed.WaitAsync(interval, stop.Token);
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
        catch (Exception failure) when (failure is ObjectDisposedException or InvalidOperationException or UnauthorizedAccessException or System.Data.Common.DbException)
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

/// <summary>Makes a page's <see cref="ChangeWatch"/> (one per page, disposed with it), for the circuit's account.</summary>
public sealed class ChangeWatches(ChangeFeed changes, CurrentAccount account, ILogger<ChangeWatch> log)
{
    /// <summary>How often a watch looks without being told of a change: the fallback when changes are not heard.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    public ChangeWatch New() => new(changes, account, PollInterval, log);
}
