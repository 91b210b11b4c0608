using Bunit;
using HelpAsk.Testing;
using HelpAsk.Web.Features.Helpers;
using HelpAsk.Web.Features.Requests;
using Microsoft.Extensions.DependencyInjection;

namespace HelpAsk.Web.Tests.Components;

/// <summary>The requests list against a real SQLite file: a page at a time, with the way to the others.</summary>
public sealed class RequestsPageTests() : SignedInPageTest("dana@example.org")
{

    protected override void AddServices()
    {
        Services.AddRequests();
        Services.AddHelpers();
    }

    [Fact]
    public async Task Thirty_requests_are_listed_twenty_five_at_a_time_newest_first_with_the_way_to_the_rest()
    {
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var requests = App.ServiceFor<RequestStore>(AccountId, scope);
            for (var i = 1; i <= 30; i++)
            {
                await requests.StartDraftAsync($"Draft {i:00}");
            }
        }

        var page = Render<RequestsPage>();

        page.WaitForAssertion(() => Assert.Equal(RequestsPage.PageSize, page.FindAll(".requests-table tbody tr").Count));
        Assert.Equal("Draft 30", page.FindAll(".requests-table tbody tr td:first-child a").First().TextContent);
        Assert.Contains("1–25 of 30", page.Find(".requests-pages").TextContent, StringComparison.Ordinal);

        page.FindAll(".requests-pages button").Single(b => b.TextContent.Trim() == "2").Click();

        page.WaitForAssertion(() => Assert.Equal(5, page.FindAll(".requests-table tbody tr").Count));
        Assert.Equal("Draft 01", page.FindAll(".requests-table tbody tr td:first-child a").Last().TextContent);
        Assert.Contains("26–30 of 30", page.Find(".requests-pages").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_short_list_has_no_pages_to_choose()
    {
        await using (var scope = App.Services.CreateAsyncScope())
        {
            await App.ServiceFor<RequestStore>(AccountId, scope).StartDraftAsync("Only one");
        }

        var page = Render<RequestsPage>();

        page.WaitForAssertion(() => Assert.Single(page.FindAll(".requests-table tbody tr")));
        Assert.Empty(page.FindAll(".requests-pages"));
    }
}
