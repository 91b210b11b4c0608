namespace HelpAsk.Web.Features.Coaching;

/// <summary>
/// Runs an action once typing pauses: each new call within the delay replaces the pending one. The pause is measured
/// on <paramref name="clock"/>, so a test can move time on instead of waiting for it.
/// </summary>
public sealed class Debouncer(TimeSpan delay, TimeProvider clock) : IDisposable
{
    private readonly TimeProvider clock = clock ?? throw new ArgumentNullException(nameof(clock));
    private CancellationTokenSource? pending;

    /// <param name="run">Called on the component's dispatcher (pass <c>InvokeAsync</c>).</param>
    /// <param name="after">How long to wait this time, instead of the usual delay (a retry's growing pause).</param>
    public void Schedule(Func<Func<Task>, Task> run, Func<Task> action, TimeSpan? after = null)
    {
        Cancel();
        pending = new CancellationTokenSource();
        var token = pending.Token;
        _ = Task.Delay(after ?? delay, clock, token).ContinueWith(
            _ => run(action), token, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
    }

    public void Cancel()
    {
        pending?.Cancel();
        pending?.Dispose();
        pending = null;
    }

    public void Dispose() => Cancel();
}
