using System.Net;
using System.Text.Json;
using HelpAsk.Core.Domain;
using HelpAsk.Testing;
using HelpAsk.Web.Data;
using HelpAsk.Web.Features.Helpers;
using HelpAsk.Web.Features.Requests;
using HelpAsk.Web.Features.Thanks;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpAsk.Web.Tests.Integration;

/// <summary>Exporting one's data and deleting one's account.</summary>
public sealed class YourDataTests : TwoAccountsTest
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task The_json_export_holds_everything_of_the_account_and_nothing_of_another()
    {
        var requestId = await ThankedRequestAsync(Alice, "Sam Jones");
        await ThankedRequestAsync(Bob, "Bob's friend");
        using var client = await LoggedInClientAsync("alice@example.org");

        var response = await client.GetAsync("/export/helpask.json", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("helpask.json", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var root = json.RootElement;
        Assert.Equal("alice@example.org", root.GetProperty("account").GetProperty("email").GetString());
        Assert.Equal(["Sam Jones"], root.GetProperty("helpers").EnumerateArray().Select(h => h.GetProperty("name").GetString()));
        var request = Assert.Single(root.GetProperty("requests").EnumerateArray());
        Assert.Equal(requestId, request.GetProperty("id").GetGuid());
        Assert.Equal("Thanked", request.GetProperty("status").GetString());
        Assert.Contains(request.GetProperty("timeline").EnumerateArray(), e => e.TryGetProperty("toStatus", out var to) && to.GetString() == "Thanked");
        Assert.Equal("Thank you for the ladder, Sam.", Assert.Single(root.GetProperty("thankYouNotes").EnumerateArray()).GetProperty("text").GetString());
        Assert.DoesNotContain("Bob", root.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_csv_exports_quote_what_needs_quoting_and_defuse_formulas()
    {
        await using (var scope = App.Services.CreateAsyncScope())
        {
            await App.ServiceFor<HelperDirectory>(Alice, scope).AddValidAsync("=HYPERLINK(\"http://evil\")", relationship: "neighbour, upstairs");
        }

        await ThankedRequestAsync(Alice, "Sam Jones");
        using var client = await LoggedInClientAsync("alice@example.org");

        var helpers = await client.GetStringAsync("/export/helpers.csv", TestContext.Current.CancellationToken);
        var requests = await client.GetStringAsync("/export/requests.csv", TestContext.Current.CancellationToken);

        var lines = helpers.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Name,Email,Relationship,Notes,Archived,Added", lines[0]);
        Assert.StartsWith("\"'=HYPERLINK(\"\"http://evil\"\")\",,\"neighbour, upstairs\",,no,", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("Title,Helper,Status,Answer,Created,Sent,Helped,Thanked,Message", requests.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Contains("Moving the piano,Sam Jones,Thanked,Yes,", requests, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exports_need_a_signed_in_account()
    {
        using var anonymous = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        foreach (var path in new[] { "/export/helpask.json", "/export/helpers.csv", "/export/requests.csv" })
        {
            var response = await anonymous.GetAsync(path, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/Account/Login", response.Headers.Location?.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Deleting_an_account_deletes_all_its_data_and_leaves_other_accounts_alone()
    {
        var requestId = await ThankedRequestAsync(Alice, "Sam Jones");
        await ThankedRequestAsync(Bob, "Bob's friend");
        await using (var scope = App.Services.CreateAsyncScope())
        {
            await App.ServiceFor<ImpactFollowUps>(Alice, scope).PlanAsync(requestId, "how it went", DateOnly.FromDateTime(DateTime.Now));
            await App.ServiceFor<RequestTracking>(Alice, scope).SendByEmailAsync(await App.CreateReadyRequestAsync(Alice, "Kim", "kim@example.org"), "Hello");
        }

        await using (var scope = App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            Assert.True((await users.DeleteAsync((await users.FindByIdAsync(Alice))!)).Succeeded);
        }

        await using var check = App.Services.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<HelpAskDbContext>();
        Assert.Equal(0, await db.Helpers.IgnoreQueryFilters().CountAsync(h => h.OwnerId == Alice, TestContext.Current.CancellationToken));
        Assert.Equal(0, await db.HelpRequests.IgnoreQueryFilters().CountAsync(r => r.OwnerId == Alice, TestContext.Current.CancellationToken));
        Assert.Equal(0, await db.ThankYouNotes.IgnoreQueryFilters().CountAsync(n => n.OwnerId == Alice, TestContext.Current.CancellationToken));
        Assert.Equal(0, await db.ImpactFollowUps.IgnoreQueryFilters().CountAsync(f => f.OwnerId == Alice, TestContext.Current.CancellationToken));
        Assert.Equal(0, await db.OutboxMessages.IgnoreQueryFilters().CountAsync(m => m.OwnerId == Alice, TestContext.Current.CancellationToken));
        Assert.Equal(0, await db.ResponseLinks.IgnoreQueryFilters().CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await db.RequestEvents.IgnoreQueryFilters().CountAsync(e => e.HelpRequestId == requestId, TestContext.Current.CancellationToken));
        Assert.Equal(1, await db.HelpRequests.IgnoreQueryFilters().CountAsync(r => r.OwnerId == Bob, TestContext.Current.CancellationToken));
        Assert.Equal(1, await db.ThankYouNotes.IgnoreQueryFilters().CountAsync(n => n.OwnerId == Bob, TestContext.Current.CancellationToken));
    }

    private async Task<Guid> ThankedRequestAsync(string accountId, string helperName)
    {
        var requestId = await App.CreateReadyRequestAsync(accountId, helperName, null);
        await using var scope = App.Services.CreateAsyncScope();
        var tracking = App.ServiceFor<RequestTracking>(accountId, scope);
        await tracking.MarkSentAsync(requestId, "in person");
        await tracking.ChangeStatusAsync(requestId, RequestStatus.Helped, null);
        var thanks = App.ServiceFor<ThanksStore>(accountId, scope);
        var note = (await thanks.StartAsync(new ThanksFor.Request(requestId)))!;
        await thanks.SaveAsync(note.Id, note.Version, new ThanksContent("", "", "", $"Thank you for the ladder, {RequestMessage.FirstName(helperName)}."));
        await thanks.MarkSentAsync(note.Id, "in a card");
        return requestId;
    }

    private async Task<HttpClient> LoggedInClientAsync(string email)
    {
        var client = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var login = await HtmlForms.SubmitAsync(client, "/Account/Login", "login", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = Password });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        return client;
    }
}
