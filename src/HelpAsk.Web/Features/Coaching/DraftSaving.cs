namespace HelpAsk.Web.Features.Coaching;

/// <summary>
/// The save loop both composers share: an edit marks the draft changed and saves it once typing pauses;
/// saves run one at a time, only when something changed since the last one, and an edit made during a
/// save leaves the draft pending again. A save that fails (the database locked, a server error) keeps the
/// change, shows why, and is tried again after a growing pause (1, 2, 4… up to 30 s; as the page goes, for
/// about 15 s). <see cref="State"/> is what the save indicator shows.
/// </summary>
public sealed class DraftSaving(TimeSpan delay, TimeProvider clock) : IDisposable
{
    private static readonly TimeSpan FirstRetryPause = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestRetryPause = TimeSpan.FromSeconds(30);

    /// <summary>How long a page that is going keeps retrying a failed save: the pauses 1 + 2 + 4 + 8 s.</summary>
    private static readonly TimeSpan LeavingRetries = TimeSpan.FromSeconds(15);

    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly Debouncer debouncer = new(delay, clock);
    private readonly Debouncer retry = new(FirstRetryPause, clock);
    private TimeSpan retryPause = FirstRetryPause;
    private Func<Func<Task>, Task>? lastDispatch;
    private Func<Task>? lastSave;
    private bool stopped;

    /// <summary>Whether there are edits no save has stored yet.</summary>
    public bool HasChanges { get; private set; }

    /// <summary>Nothing has been stored by this page yet, and nothing changed.</summary>
    public SaveState State { get; private set; } = SaveState.Unchanged;

    /// <summary>Why the last save failed (with <see cref="SaveState.Failed"/>).</summary>
    public string? FailureReason { get; private set; }

    /// <summary>An edit: <paramref name="save"/> runs on the component's dispatcher (<c>InvokeAsync</c>) once typing pauses.</summary>
    public void Changed(Func<Func<Task>, Task> dispatch, Func<Task> save)
    {
        HasChanges = true;
        lastDispatch = dispatch;
        lastSave = save;
        if (State != SaveState.Failed && !stopped)
        {
            State = SaveState.Pending;
            debouncer.Schedule(dispatch, save);
        }
    }

    /// <summary>
    /// Stores the draft with <paramref name="store"/> if it changed, which says how that went (null: the draft
    /// is gone, the state stays). <paramref name="render"/> shows "saving" meanwhile.
    /// </summary>
    public async Task SaveAsync(Func<Task<SaveState?>> store, Action render)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(render);
        await gate.WaitAsync();
        try
        {
            if (!HasChanges)
            {
                return;
            }

            HasChanges = false;
            var failed = State == SaveState.Failed;
            if (!failed)
            {
                State = SaveState.Saving;
                render();
            }

            SaveState? outcome;
            try
            {
                outcome = await store();
            }
            catch (Exception error) when (error is not OperationCanceledException and not ObjectDisposedException)
            {
                HasChanges = true;
                State = SaveState.Failed;
                FailureReason = ReasonOf(error);
                ScheduleRetry();
                return;
            }

            retryPause = FirstRetryPause;
            FailureReason = null;
            if (outcome is { } stored)
            {
                State = stored == SaveState.Saved && HasChanges ? SaveState.Pending : stored;
                if (State == SaveState.Pending && !stopped && lastDispatch is { } dispatch && lastSave is { } save)
                {
                    debouncer.Schedule(dispatch, save);
                }
            }
            else if (failed)
            {
                State = SaveState.Saving;
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Stores the draft now, changed or not (before it is checked or sent, or to keep one's own over another tab's).</summary>
    public Task SaveNowAsync(Func<Task<SaveState?>> store, Action render)
    {
        debouncer.Cancel();
        HasChanges = true;
        return SaveAsync(store, render);
    }

    /// <summary>The draft was reloaded as stored: nothing is left to save.</summary>
    public void Reset()
    {
        debouncer.Cancel();
        retry.Cancel();
        HasChanges = false;
        State = SaveState.Saved;
    }

    /// <summary>
    /// The page is going: no more saves after typing pauses; what is left is stored now, and a failed save is
    /// tried again on the same schedule for about 15 s, so text that has not reached the database is not dropped
    /// while a retry can still store it.
    /// </summary>
    public async Task LeaveAsync(Func<Task<SaveState?>> store)
    {
        stopped = true;
        debouncer.Cancel();
        retry.Cancel();
        var waited = TimeSpan.Zero;
        for (var pause = FirstRetryPause; ; pause = NextPause(pause))
        {
            await SaveAsync(store, () => { });
            if (State != SaveState.Failed || waited + pause > LeavingRetries)
            {
                return;
            }

            await Task.Delay(pause, clock);
            waited += pause;
        }
    }

    public void Dispose()
    {
        debouncer.Dispose();
        retry.Dispose();
        gate.Dispose();
    }

    /// <summary>What the user is told: the database's own words are for the log, not the page.</summary>
    public static string ReasonOf(Exception error) =>
        Data.DatabaseErrors.IsBusy(error) ? "the database is busy"
        : error is TimeoutException ? "the server took too long"
        : "the server could not store it";

    private void ScheduleRetry()
    {
        if (lastDispatch is not { } dispatch || lastSave is not { } save)
        {
            return;
        }

        if (stopped)
        {
            return;
        }

        var pause = retryPause;
        retryPause = NextPause(retryPause);
        retry.Schedule(dispatch, save, pause);
    }

    private static TimeSpan NextPause(TimeSpan pause) => TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestRetryPause.Ticks));
}
