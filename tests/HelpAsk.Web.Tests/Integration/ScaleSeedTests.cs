using HelpAsk.Core.Domain;
using HelpAsk.Testing;
using HelpAsk.Web.Data;
using HelpAsk.Web.Features.Dashboard;
using HelpAsk.Web.Features.Requests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpAsk.Web.Tests.Integration;

/// <summary>The bulk seeding behind the scale figures (docs/performance.md), on a tiny size: the app reads what it wrote.</summary>
public sealed class ScaleSeedTests
{
    [Fact]
    public async Task Bulk_seeded_accounts_are_read_by_the_app_each_seeing_only_its_own_history()
    {
        await using var app = new HelpAskAppFactory();
        app.StartServer();
        var cancel = TestContext.Current.CancellationToken;
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpAskDbContext>();

        var owners = await ScaleSeed.SeedAsync(db, accounts: 3, requests: 60, DateTime.UtcNow);

        var all = db.HelpRequests.IgnoreQueryFilters([HelpAskDbContext.Ownership]).Where(r => r.OwnerId == owners[1]);
        var listed = await all.CountAsync(r => r.DeletedAt == null, cancel);
        var answered = await db.RequestEvents.IgnoreQueryFilters([HelpAskDbContext.Ownership])
            .CountAsync(e => e.OwnerId == owners[1] && e.Kind == RequestEventKind.Answered, cancel);
        var page = await app.ServiceFor<RequestStore>(owners[1], scope).PageAsync(new RequestFilter(), 2, 20, cancel);
        var queries = app.ServiceFor<DashboardQueries>(owners[1], scope);
        var summary = await queries.GetSummaryAsync(cancel);
        var activity = await queries.GetRecentActivityAsync(cancellationToken: cancel);
        var first = await app.ServiceFor<RequestStore>(owners[1], scope).FindAsync(page.Rows[0].Id, cancel);

        Assert.Equal(3, owners.Distinct().Count());
        Assert.Equal(listed, page.Total);
        Assert.Equal(20, page.Rows.Count);
        Assert.Equal(listed, summary.Requests);
        Assert.InRange(answered, 1, 60);
        Assert.Equal(8, activity.Count);
        Assert.NotNull(first);
        Assert.NotEmpty(first.Events);
        Assert.All(first.Events, e => Assert.Equal(owners[1], e.OwnerId));
    }
}
