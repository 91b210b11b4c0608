namespace HelpAsk.Web.Features.Coaching;

/// <summary>
/// The save loop both composers share: an edit marks the draft changed and saves it once typing pauses;
/// saves run one at a time, only when something changed since the last one, and an edit made during a
/// save leaves the draft pending again. <see cref="State"/> is what the save indicator shows.
/// </summary>
public sealed class DraftSaving(TimeSpan delay) : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly Debouncer debouncer = new(delay);

    /// <summary>Whether there are edits no save has taken yet.</summary>
    public bool HasChanges { get; private set; }

    public SaveState State { get; private set; } = SaveState.Saved;

    /// <summary>An edit: <paramref name="save"/> runs on the component's dispatcher (<c>InvokeAsync</c>) once typing pauses.</summary>
    public void Changed(Func<Func<Task>, Task> dispatch, Func<Task> save)
    {
        HasChanges = true;
        State = SaveState.Pending;
        debouncer.Schedule(dispatch, save);
    }

    /// <summary>
    /// Stores the draft with <paramref name="store"/> if it changed, which says how that went (null: the draft
    /// is gone, the state stays). <paramref name="render"/> shows "saving" meanwhile.
    /// </summary>
    public async Task SaveAsync(Func<Task<SaveState?>> store, Action render)
    {
        await gate.WaitAsync();
        try
        {
            if (!HasChanges)
            {
                return;
            }

            HasChanges = false;
            State = SaveState.Saving;
            render();
            if (await store() is { } outcome)
            {
                State = outcome == SaveState.Saved && HasChanges ? SaveState.Pending : outcome;
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
        HasChanges = false;
        State = SaveState.Saved;
    }

    /// <summary>No more saves after typing pauses (the page is going; it stores what is left itself).</summary>
    public void StopAutosave() => debouncer.Cancel();

    public void Dispose()
    {
        debouncer.Dispose();
        gate.Dispose();
    }
}
