using HelpAsk.Testing;
using HelpAsk.Web.Features.Coaching;

namespace HelpAsk.Web.Tests.Coaching;

public sealed class DraftSavingTests
{
    private static readonly Func<Func<Task>, Task> Now = action => action();

    [Fact]
    public async Task Nothing_is_stored_until_something_changed()
    {
        using var saving = new DraftSaving(TimeSpan.FromHours(1), TimeProvider.System);
        var stores = 0;

        await saving.SaveAsync(() => { stores++; return Task.FromResult<SaveState?>(SaveState.Saved); }, () => { });

        Assert.Equal(0, stores);
        Assert.Equal(SaveState.Unchanged, saving.State);
    }

    [Fact]
    public async Task An_edit_is_pending_then_saved_once_typing_pauses()
    {
        using var saving = new DraftSaving(TimeSpan.FromMilliseconds(20), TimeProvider.System);
        var stored = new TaskCompletionSource();

        saving.Changed(Now, () => saving.SaveAsync(() => { stored.SetResult(); return Task.FromResult<SaveState?>(SaveState.Saved); }, () => { }));

        Assert.Equal(SaveState.Pending, saving.State);
        await stored.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.False(saving.HasChanges);
    }

    [Fact]
    public async Task An_edit_made_while_saving_leaves_the_draft_pending_and_is_saved_next()
    {
        using var saving = new DraftSaving(TimeSpan.FromHours(1), TimeProvider.System);
        var release = new TaskCompletionSource();
        var stores = 0;
        async Task<SaveState?> Store()
        {
            stores++;
            await release.Task;
            return SaveState.Saved;
        }

        saving.Changed(Now, () => Task.CompletedTask);
        var first = saving.SaveAsync(Store, () => { });
        Assert.Equal(SaveState.Saving, saving.State);
        saving.Changed(Now, () => Task.CompletedTask);
        var second = saving.SaveAsync(Store, () => { });
        release.SetResult();
        await first;
        await second;
        Assert.Equal(2, stores);
        Assert.Equal(SaveState.Saved, saving.State);
        Assert.False(saving.HasChanges);
    }

    [Fact]
    public async Task A_failed_save_keeps_the_change_says_why_and_is_tried_again_until_it_is_stored()
    {
        using var saving = new DraftSaving(TimeSpan.FromHours(1), TimeProvider.System);
        var attempts = 0;
        var stored = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<SaveState?> Store()
        {
            if (++attempts == 1)
            {
                throw new InvalidOperationException("SQLite Error 5: 'database is locked'.");
            }

            stored.TrySetResult();
            return Task.FromResult<SaveState?>(SaveState.Saved);
        }

        Task Save() => saving.SaveAsync(Store, () => { });
        saving.Changed(Now, Save);
        await Save();

        Assert.Equal(SaveState.Failed, saving.State);
        Assert.Equal("the database is busy", saving.FailureReason);
        Assert.True(saving.HasChanges);
        await stored.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        await Eventually.HoldsAsync(() => saving.State == SaveState.Saved, "the retried save", seconds: 2);
        Assert.False(saving.HasChanges);
    }

    [Fact]
    public async Task Saving_now_stores_even_without_changes_and_a_refusal_is_shown_as_such()
    {
        using var saving = new DraftSaving(TimeSpan.FromHours(1), TimeProvider.System);

        await saving.SaveNowAsync(() => Task.FromResult<SaveState?>(SaveState.Conflict), () => { });

        Assert.Equal(SaveState.Conflict, saving.State);
    }

    [Fact]
    public async Task A_draft_that_is_gone_keeps_its_last_state_and_a_reload_clears_everything()
    {
        using var saving = new DraftSaving(TimeSpan.FromHours(1), TimeProvider.System);
        saving.Changed(Now, () => Task.CompletedTask);

        await saving.SaveAsync(() => Task.FromResult<SaveState?>(null), () => { });
        Assert.Equal(SaveState.Saving, saving.State);

        saving.Changed(Now, () => Task.CompletedTask);
        saving.Reset();
        Assert.Equal(SaveState.Saved, saving.State);
        Assert.False(saving.HasChanges);
    }

    [Fact]
    public async Task Leaving_stores_what_is_pending_and_retries_a_failure_on_the_autosave_schedule_only()
    {
        using var saving = new DraftSaving(TimeSpan.FromHours(1), TimeProvider.System);
        var attempts = new List<DateTime>();
        var autosaves = 0;
        Task<SaveState?> Store()
        {
            attempts.Add(DateTime.UtcNow);
            return attempts.Count <= 2 ? throw new TimeoutException() : Task.FromResult<SaveState?>(SaveState.Saved);
        }

        saving.Changed(Now, () => { autosaves++; return Task.CompletedTask; });

        await saving.LeaveAsync(Store);

        // Stored on the third attempt, after the schedule's first two pauses (1 s, then 2 s); no autosave ran meanwhile.
        Assert.Equal(3, attempts.Count);
        Assert.InRange(attempts[1] - attempts[0], TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(1.9));
        Assert.InRange(attempts[2] - attempts[1], TimeSpan.FromSeconds(1.9), TimeSpan.FromSeconds(3.9));
        Assert.Equal(SaveState.Saved, saving.State);
        Assert.False(saving.HasChanges);
        Assert.Equal(0, autosaves);
    }
}
