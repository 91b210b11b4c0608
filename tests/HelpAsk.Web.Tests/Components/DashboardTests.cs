using Bunit;
using HelpAsk.Core.Domain;
using HelpAsk.Testing;
using HelpAsk.Web.Data;
using HelpAsk.Web.Features.Dashboard;
using HelpAsk.Web.Features.Helpers;
using HelpAsk.Web.Features.Requests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpAsk.Web.Tests.Components;

/// <summary>The dashboard component against a real database (SQLite, or PostgreSQL in the second run).</summary>
public sealed class DashboardTests() : SignedInPageTest("dana@example.org")
{
    // The dashboard runs a dozen queries before it shows; over a network connection that can take more than bunit's second.
    private static readonly TimeSpan Loading = TimeSpan.FromSeconds(10);


    protected override void AddServices()
    {
        Services.AddScoped<DashboardQueries>();
        Services.AddScoped<HelpAsk.Web.Features.Thanks.ImpactFollowUps>();
    }

    [Fact]
    public void A_new_account_gets_a_friendly_first_run_guide_instead_of_zeros()
    {
        var dashboard = Render<Dashboard>();

        dashboard.WaitForElement(".first-run", Loading);
        Assert.Contains("Welcome to HelpAsk", dashboard.Markup, StringComparison.Ordinal);
        Assert.Equal(5, dashboard.FindAll(".five-steps-item").Count);
        Assert.Empty(dashboard.FindAll(".summary-tile"));
        Assert.Contains("Write your first request", dashboard.Find("a[href='requests/new']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Once_there_is_data_the_dashboard_counts_it()
    {
        await using (var scope = App.Services.CreateAsyncScope())
        {
            await App.ServiceFor<HelperDirectory>(AccountId, scope).AddValidAsync("Sam");
        }

        var dashboard = Render<Dashboard>();

        dashboard.WaitForElement(".summary-tile", Loading);
        var helpers = dashboard.FindAll(".summary-tile").Single(t => t.TextContent.Contains("Helpers", StringComparison.Ordinal));
        Assert.Contains("1", helpers.TextContent, StringComparison.Ordinal);
        Assert.Empty(dashboard.FindAll(".first-run"));
    }

    [Fact]
    public async Task Answers_show_on_the_dashboard_and_a_request_without_one_for_days_is_pointed_out_gently()
    {
        Guid answered, quiet;
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var tracking = App.ServiceFor<RequestTracking>(AccountId, scope);
            answered = await App.CreateReadyRequestAsync(AccountId, "Sam Jones", null);
            quiet = await App.CreateReadyRequestAsync(AccountId, "Kim Lee", null);
            await tracking.MarkSentAsync(answered, "in person");
            await tracking.MarkSentAsync(quiet, "on Slack");
            await tracking.ChangeStatusAsync(answered, RequestStatus.Declined, null);
            var db = scope.ServiceProvider.GetRequiredService<HelpAskDbContext>();
            var request = await db.HelpRequests.IgnoreQueryFilters().SingleAsync(r => r.Id == answered, Xunit.TestContext.Current.CancellationToken);
            request.RecordAnswer(new HelperAnswer(HelperAnswerKind.Alternative, "I could do Sunday instead", "Sorry about Saturday"), DateTime.UtcNow);
            await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
            await db.HelpRequests.IgnoreQueryFilters().Where(r => r.Id == quiet)
                .ExecuteUpdateAsync(set => set.SetProperty(r => r.SentAt, DateTime.UtcNow.AddDays(-5)), Xunit.TestContext.Current.CancellationToken);
        }

        var dashboard = Render<Dashboard>();

        dashboard.WaitForElement("#recent-answers", Loading);
        var answers = dashboard.Find("#recent-answers").TextContent;
        Assert.Contains("Sam Jones on Moving the piano", answers, StringComparison.Ordinal);
        Assert.Contains("“I could do Sunday instead”", answers, StringComparison.Ordinal);
        Assert.Contains("Note: “Sorry about Saturday”", answers, StringComparison.Ordinal);
        // Each part of the dashboard shows when its own query answers (later on PostgreSQL): wait for this one too.
        var quietList = dashboard.WaitForElement("#quiet-requests", Loading);
        Assert.Contains("to Kim Lee", quietList.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Sam Jones", quietList.TextContent, StringComparison.Ordinal);
        Assert.NotNull(quietList.QuerySelector($"a[href='requests/{quiet}']"));
    }
}
