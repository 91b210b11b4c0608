using HelpAsk.Core.Domain;
using HelpAsk.Testing;
using HelpAsk.Web.Data;
using HelpAsk.Web.Features.Account;
using HelpAsk.Web.Features.Coaching;
using HelpAsk.Web.Features.Thanks;
using HelpAsk.Web.Features.Helpers;
using HelpAsk.Web.Features.Notifications;
using HelpAsk.Web.Features.Requests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpAsk.Web.Tests.Integration;

/// <summary>Every piece of data belongs to one account: to any other account it does not exist.</summary>
public sealed class DataOwnershipTests : TwoAccountsTest
{
    [Fact]
    public async Task Another_account_cannot_find_list_change_or_remove_my_helper()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var alicesHelpers = App.ServiceFor<HelperDirectory>(Alice, scope);
        var bobsHelpers = App.ServiceFor<HelperDirectory>(Bob, scope);
        var sam = await alicesHelpers.AddValidAsync("Sam", "sam@example.org", "neighbour");

        Assert.Null(await bobsHelpers.FindAsync(sam.Id));
        Assert.Empty(await bobsHelpers.ListAsync());
        Assert.IsType<HelperChange.NotFound>(await bobsHelpers.UpdateAsync(sam.Id, "Mallory", null, null, null));
        Assert.Equal(HelperRemoval.NotFound, await bobsHelpers.RemoveAsync(sam.Id));

        var stillSam = await alicesHelpers.FindAsync(sam.Id);
        Assert.NotNull(stillSam);
        Assert.Equal("Sam", stillSam.Name);
        Assert.Single(await alicesHelpers.ListAsync());
    }

    [Fact]
    public async Task Another_account_cannot_read_my_request()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var draft = await App.ServiceFor<RequestStore>(Alice, scope).StartDraftAsync("Couch move");

        Assert.Null(await App.ServiceFor<RequestStore>(Bob, scope).FindAsync(draft.Id));
        var mine = await App.ServiceFor<RequestStore>(Alice, scope).FindAsync(draft.Id);
        Assert.NotNull(mine);
        Assert.Equal("Couch move", mine.Title);
        Assert.Single(mine.Events);
    }

    [Fact]
    public async Task A_helper_with_requests_is_archived_not_deleted_so_history_stays()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var helpers = App.ServiceFor<HelperDirectory>(Alice, scope);
        var sam = await helpers.AddValidAsync("Sam");
        var requestId = await SaveRequestTo(sam.Id);

        Assert.Equal(HelperRemoval.Archived, await helpers.RemoveAsync(sam.Id));

        Assert.Empty(await helpers.ListAsync());
        Assert.Single(await helpers.ListAsync(includeArchived: true));
        var request = await App.ServiceFor<RequestStore>(Alice, scope).FindAsync(requestId);
        Assert.NotNull(request);
        Assert.Equal("Sam", request.Helper?.Name);
    }

    [Fact]
    public async Task A_helper_without_history_is_deleted()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var helpers = App.ServiceFor<HelperDirectory>(Alice, scope);
        var sam = await helpers.AddValidAsync("Sam");

        Assert.Equal(HelperRemoval.Deleted, await helpers.RemoveAsync(sam.Id));

        Assert.Empty(await helpers.ListAsync(includeArchived: true));
    }

    [Fact]
    public async Task The_database_itself_refuses_to_delete_a_helper_with_requests()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var sam = await App.ServiceFor<HelperDirectory>(Alice, scope).AddValidAsync("Sam");
        await SaveRequestTo(sam.Id);

        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<HelpAskDbContext>>().CreateDbContextAsync();

        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() =>
            db.Database.ExecuteSqlInterpolatedAsync($"DELETE FROM \"Helpers\" WHERE \"Id\" = {sam.Id}"));
    }

    [Fact]
    public async Task Deleting_an_account_removes_all_its_data_and_nobody_elses()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var sam = await App.ServiceFor<HelperDirectory>(Alice, scope).AddValidAsync("Sam");
        await SaveRequestTo(sam.Id);
        await App.ServiceFor<HelperDirectory>(Bob, scope).AddValidAsync("Bea");

        await using (var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<HelpAskDbContext>>().CreateDbContextAsync())
        {
            await db.Users.Where(u => u.Id == Alice).ExecuteDeleteAsync();
        }

        await using var check = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<HelpAskDbContext>>().CreateDbContextAsync();
        Assert.False(await check.Helpers.IgnoreQueryFilters().AnyAsync(h => h.OwnerId == Alice));
        Assert.False(await check.HelpRequests.IgnoreQueryFilters().AnyAsync(r => r.OwnerId == Alice));
        Assert.False(await check.RequestEvents.IgnoreQueryFilters().AnyAsync());
        Assert.True(await check.Helpers.IgnoreQueryFilters().AnyAsync(h => h.OwnerId == Bob));
    }

    [Fact]
    public async Task A_context_opened_for_one_account_sees_none_of_another_accounts_rows_and_a_context_for_none_sees_none()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var requestId = await App.CreateReadyRequestAsync(Alice);
        Assert.IsType<RequestChange.Done>(await App.ServiceFor<RequestTracking>(Alice, scope).SendByEmailAsync(requestId, "Moving the piano"));
        await App.ServiceFor<CoachingSettings>(Alice, scope).AllowPhraseAsync("just checking");
        await scope.ServiceProvider.GetRequiredService<NotificationSettings>().SetAsync(Alice, NotificationKind.Answers, on: false);
        Assert.NotNull(await App.ServiceFor<ThanksStore>(Alice, scope).StartAsync(new ThanksFor.Request(requestId)));
        Assert.IsType<FollowUpPlanning.Planned>(await App.ServiceFor<ImpactFollowUps>(Alice, scope)
            .PlanAsync(requestId, "Tell Sam how the move went", DateOnly.FromDateTime(DateTime.UtcNow).AddDays(7)));
        var contexts = scope.ServiceProvider.GetRequiredService<IDbContextFactory<HelpAskDbContext>>();

        await using (var alices = await contexts.OpenForAsync(Alice))
        {
            Assert.Equal(new[] { 1, 1, 3, 1, 1, 1, 1, 1, 1 }, await RowCountsAsync(alices));
        }

        await using (var bobs = await contexts.OpenForAsync(Bob))
        {
            Assert.Equal(new[] { 0, 0, 0, 0, 0, 0, 0, 0, 0 }, await RowCountsAsync(bobs));
        }

        await using var nobodys = await contexts.CreateDbContextAsync();
        Assert.Equal(new[] { 0, 0, 0, 0, 0, 0, 0, 0, 0 }, await RowCountsAsync(nobodys));
    }

    [Fact]
    public async Task A_context_opened_for_one_account_refuses_to_write_another_accounts_row()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var sam = await App.ServiceFor<HelperDirectory>(Alice, scope).AddValidAsync("Sam");
        var contexts = scope.ServiceProvider.GetRequiredService<IDbContextFactory<HelpAskDbContext>>();

        await using (var bobs = await contexts.OpenForAsync(Bob))
        {
            bobs.Helpers.Add(new Helper { OwnerId = Alice, Name = "Planted by Bob" });
            await Assert.ThrowsAsync<InvalidOperationException>(() => bobs.SaveChangesAsync());
        }

        await using (var bobs = await contexts.OpenForAsync(Bob))
        {
            bobs.Helpers.Update(sam).Entity.Name = "Mallory";
            await Assert.ThrowsAsync<InvalidOperationException>(() => bobs.SaveChangesAsync());
        }

        Assert.Equal(["Sam"], (await App.ServiceFor<HelperDirectory>(Alice, scope).ListAsync()).Select(h => h.Name));
    }

    private static async Task<int[]> RowCountsAsync(HelpAskDbContext db) =>
    [
        await db.Helpers.CountAsync(), await db.HelpRequests.CountAsync(), await db.RequestEvents.CountAsync(),
        await db.ResponseLinks.CountAsync(), await db.OutboxMessages.CountAsync(), await db.ThankYouNotes.CountAsync(),
        await db.ImpactFollowUps.CountAsync(), await db.CoachingPreferences.CountAsync(), await db.NotificationOptOuts.CountAsync(),
    ];

    [Fact]
    public async Task The_database_is_a_real_file_in_wal_mode()
    {
        Assert.SkipWhen(HelpAskAppFactory.Provider != DatabaseProvider.Sqlite, "SQLite only: a file and its journal mode");
        Assert.True(File.Exists(App.DatabasePath));
        await using var scope = App.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<HelpAskDbContext>>().CreateDbContextAsync();

        var mode = await db.Database.SqlQueryRaw<string>("SELECT journal_mode AS Value FROM pragma_journal_mode").SingleAsync();

        Assert.Equal("wal", mode);
    }

    private async Task<Guid> SaveRequestTo(Guid helperId)
    {
        await using var scope = App.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<HelpAskDbContext>>().CreateDbContextAsync();
        var request = HelpRequest.StartDraft(Alice, DateTime.UtcNow, "Ask Sam");
        request.HelperId = helperId;
        db.HelpRequests.Add(request);
        await db.SaveChangesAsync();
        return request.Id;
    }
}
