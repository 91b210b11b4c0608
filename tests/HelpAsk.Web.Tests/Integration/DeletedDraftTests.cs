using HelpAsk.Testing;
using HelpAsk.Web.Data;
using HelpAsk.Web.Features.Dashboard;
using HelpAsk.Web.Features.Requests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static HelpAsk.Web.Tests.Integration.MailTestKit;

namespace HelpAsk.Web.Tests.Integration;

/// <summary>A deleted draft is out of every count at once, can be restored for a day, and is then removed by the hourly sweep.</summary>
public sealed class DeletedDraftTests : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);
    private readonly HelpAskAppFactory app = new();
    private string alice = "";

    public async ValueTask InitializeAsync()
    {
        app.TestServices = services => services.AddSingleton<TimeProvider>(clock);
        alice = await app.CreateAccountAsync("alice@example.org");
    }

    [Fact]
    public async Task A_deleted_draft_is_not_counted_as_a_draft_on_the_dashboard()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var requests = app.ServiceFor<RequestStore>(alice, scope);
        await requests.StartDraftAsync("Kept");
        var deleted = await requests.StartDraftAsync("Deleted");

        Assert.True(await requests.DeleteDraftAsync(deleted.Id));

        var summary = await app.ServiceFor<DashboardQueries>(alice, scope).GetSummaryAsync();
        Assert.Equal(1, summary.Drafts);
        Assert.Equal(1, summary.Requests);
    }

    [Fact]
    public async Task Recent_activity_leaves_out_deleted_drafts_even_when_their_entries_are_all_the_newest()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var requests = app.ServiceFor<RequestStore>(alice, scope);
        var tracking = app.ServiceFor<RequestTracking>(alice, scope);
        var kept = await requests.StartDraftAsync("Kept");
        clock.Advance(TimeSpan.FromMinutes(1));
        await tracking.ChangeStatusAsync(kept.Id, HelpAsk.Core.Domain.RequestStatus.Cancelled, null);
        // Twelve drafts cancelled and reopened, then deleted: 24 newer entries, more than one read of the newest holds.
        for (var i = 0; i < 12; i++)
        {
            var draft = await requests.StartDraftAsync($"Deleted {i}");
            clock.Advance(TimeSpan.FromMinutes(1));
            await tracking.ChangeStatusAsync(draft.Id, HelpAsk.Core.Domain.RequestStatus.Cancelled, null);
            clock.Advance(TimeSpan.FromMinutes(1));
            await tracking.ChangeStatusAsync(draft.Id, HelpAsk.Core.Domain.RequestStatus.Draft, null);
            Assert.True(await requests.DeleteDraftAsync(draft.Id));
        }

        var activity = await app.ServiceFor<DashboardQueries>(alice, scope).GetRecentActivityAsync();

        Assert.Equal("Kept", Assert.Single(activity).Title);
    }

    [Fact]
    public async Task A_deleted_draft_is_purged_by_the_hourly_sweep_once_its_undo_day_is_over_and_not_before()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var requests = app.ServiceFor<RequestStore>(alice, scope);
        var start = clock.GetUtcNow();
        var old = await requests.StartDraftAsync("Deleted yesterday");
        Assert.True(await requests.DeleteDraftAsync(old.Id));
        clock.Advance(RequestStore.UndoWindow - TimeSpan.FromHours(2));
        var recent = await requests.StartDraftAsync("Deleted today");
        Assert.True(await requests.DeleteDraftAsync(recent.Id));

        // Nobody deletes another draft: the sweep alone removes the old one within its hour after the day is over.
        // Time moves ten minutes per look, so the sweep's hourly wait passes however fast the machine is.
        await Eventually.HoldsAsync(
            async () =>
            {
                clock.Advance(TimeSpan.FromMinutes(10));
                return !await ExistsAsync(old.Id);
            },
            "the draft deleted a day ago purged");
        Assert.InRange(clock.GetUtcNow() - start, RequestStore.UndoWindow, RequestStore.UndoWindow + DeletedDraftPurge.Interval + TimeSpan.FromMinutes(20));
        Assert.True(await ExistsAsync(recent.Id));
        Assert.False(await requests.RestoreDraftAsync(old.Id));
        Assert.True(await requests.RestoreDraftAsync(recent.Id));
    }

    [Fact]
    public async Task A_draft_deleted_more_than_a_day_ago_cannot_be_restored_even_before_the_sweep_removes_it()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var requests = app.ServiceFor<RequestStore>(alice, scope);
        var draft = await requests.StartDraftAsync("Deleted");
        Assert.True(await requests.DeleteDraftAsync(draft.Id));

        await app.ChangeRequestAsync(draft.Id, set => set.SetProperty(r => r.DeletedAt, clock.GetUtcNow().UtcDateTime - RequestStore.UndoWindow - TimeSpan.FromMinutes(1)));

        Assert.False(await requests.RestoreDraftAsync(draft.Id));
    }

    private async Task<bool> ExistsAsync(Guid id)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<HelpAskDbContext>>().CreateDbContextAsync();
        return await db.HelpRequests.IgnoreQueryFilters().AnyAsync(r => r.Id == id);
    }

    public ValueTask DisposeAsync()
    {
        app.Dispose();
        return ValueTask.CompletedTask;
    }
}
