using HelpAsk.Core.Domain;
using HelpAsk.Testing;
using HelpAsk.Web.Features.Helpers;
using Microsoft.Extensions.DependencyInjection;

namespace HelpAsk.Web.Tests.Integration;

public sealed class HelperDirectoryTests : TwoAccountsTest
{
    [Fact]
    public async Task Helpers_are_listed_by_name_and_found_by_name_relationship_or_email()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var helpers = App.ServiceFor<HelperDirectory>(Alice, scope);
        await helpers.AddValidAsync("Zoe", "zoe@example.org", "aunt");
        await helpers.AddValidAsync("Adam", null, "colleague");

        Assert.Equal(["Adam", "Zoe"], (await helpers.ListAsync()).Select(h => h.Name));
        Assert.Equal("Zoe", Assert.Single(await helpers.ListAsync("AUNT")).Name);
        Assert.Equal("Zoe", Assert.Single(await helpers.ListAsync("zoe@")).Name);
        Assert.Equal("Adam", Assert.Single(await helpers.ListAsync("coll")).Name);
    }

    [Fact]
    public async Task Helpers_are_in_alphabetical_order_whatever_their_case_and_found_by_any_case_on_every_engine()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var helpers = App.ServiceFor<HelperDirectory>(Alice, scope);
        await helpers.AddAsync("bea", null, "Neighbour");
        await helpers.AddAsync("Carl", "CARL@Example.org");
        await helpers.AddAsync("Ann_50%");

        // SQLite's own order puts capitals first ("Ann", "Carl", "bea"); people expect the alphabet.
        Assert.Equal(["Ann_50%", "bea", "Carl"], (await helpers.ListAsync()).Select(h => h.Name));
        Assert.Equal("bea", Assert.Single(await helpers.ListAsync("BEA")).Name);
        Assert.Equal("bea", Assert.Single(await helpers.ListAsync("neighBOUR")).Name);
        Assert.Equal("Carl", Assert.Single(await helpers.ListAsync("carl@example")).Name);
        Assert.Equal("Ann_50%", Assert.Single(await helpers.ListAsync("_50%")).Name);
    }

    [Fact]
    public async Task Details_are_trimmed_and_blank_optional_ones_are_stored_as_nothing()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var helpers = App.ServiceFor<HelperDirectory>(Alice, scope);

        var sam = await helpers.AddValidAsync("  Sam  ", "  ", " neighbour ", "");

        Assert.Equal("Sam", sam.Name);
        Assert.Null(sam.Email);
        Assert.Equal("neighbour", sam.Relationship);
        Assert.Null(sam.Notes);
    }

    [Fact]
    public async Task Invalid_details_are_refused_with_a_clear_message_and_the_stored_helper_is_unchanged()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var helpers = App.ServiceFor<HelperDirectory>(Alice, scope);
        var sam = await helpers.AddValidAsync("Sam", "sam@example.org");

        var refused = Assert.IsType<HelperChange.Invalid>(await helpers.UpdateAsync(sam.Id, "Sam", "not an address", null, null));

        Assert.Contains("email address", Assert.Single(refused.Outcome.Problems).Message, StringComparison.Ordinal);
        Assert.Equal("sam@example.org", (await helpers.FindAsync(sam.Id))!.Email);
        Assert.Equal(
            "Give the helper's name, so the request can greet them.",
            Assert.IsType<HelperChange.Invalid>(await helpers.AddAsync(" ")).Outcome.ErrorFor(nameof(Helper.Name)));
    }
}
