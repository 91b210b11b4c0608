using Bunit;
using HelpAsk.Core.Domain;
using HelpAsk.Testing;
using HelpAsk.Web.Features.Coaching;
using HelpAsk.Web.Features.Requests;
using HelpAsk.Web.Features.Sending;
using HelpAsk.Web.Features.Thanks;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace HelpAsk.Web.Tests.Components;

/// <summary>The thanks composer against a real SQLite file: its guidance, its coaching in thanks mode, and saving.</summary>
public sealed class ThanksPageTests() : SignedInPageTest("robin@example.org")
{
    private const string SelfCentred = "Thanks so much, it was such a relief for me and I finally got my weekend back.";
    private const string AboutThem = "Because of you, Dad played it on his first evening in the new flat.";
    private Guid noteId;

    protected override async Task SeedAsync()
    {
        var requestId = await App.CreateReadyRequestAsync(AccountId, "Sam Jones", null);
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var tracking = App.ServiceFor<RequestTracking>(AccountId, scope);
            await tracking.MarkSentAsync(requestId, "in person");
            await tracking.ChangeStatusAsync(requestId, RequestStatus.Helped, null);
            noteId = (await App.ServiceFor<ThanksStore>(AccountId, scope).StartAsync(new ThanksFor.Request(requestId)))!.Id;
        }
    }

    protected override void AddServices()
    {
        Services.AddSingleton(App.Services.GetRequiredService<Outbox>());
        Services.AddCoaching();
        Services.AddThanks();
    }

    [Fact]
    public void The_composer_asks_what_they_did_what_it_cost_them_and_the_difference_it_made()
    {
        var page = RenderThanks();

        Assert.Contains("Thank Sam", page.Find("h1").TextContent, StringComparison.Ordinal);
        Assert.Equal(["What they did", "What it cost them", "The difference it made", "Your note"], page.FindAll(".coached-label").Select(l => l.TextContent));
        Assert.Contains("about them, not you", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void The_note_follows_the_answers_until_the_user_edits_it()
    {
        JSInterop.SetupModule("./Features/Coaching/CoachedTextArea.razor.js").Setup<bool>("replace", _ => true).SetResult(true);
        var page = RenderThanks();

        Type(page, "did", "You carried the piano down two flights.");
        Type(page, "difference", AboutThem);

        page.WaitForAssertion(() => Assert.Equal($"Hi Sam,\n\nYou carried the piano down two flights.\n\n{AboutThem}\n\nWith thanks,", NoteOf(page)));
        Type(page, "note", "Sam, you're a star.");
        Type(page, "cost", "You gave up your Saturday.");
        page.WaitForAssertion(() => Assert.Equal("Sam, you're a star.", NoteOf(page)));
    }

    [Fact]
    public void A_self_centred_thanks_is_flagged_and_one_about_them_is_encouraged()
    {
        var page = RenderThanks();

        Type(page, "difference", SelfCentred);
        page.WaitForAssertion(() => Assert.Contains("mostly about you", page.Find(".composer-coach").TextContent, StringComparison.Ordinal));

        Type(page, "difference", AboutThem);
        page.WaitForAssertion(() => Assert.DoesNotContain("mostly about you", page.Find(".composer-coach").TextContent, StringComparison.Ordinal));
        Assert.Contains("You show the difference their help makes", page.Find(".composer-coach").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task What_is_typed_is_saved_after_a_pause()
    {
        JSInterop.SetupModule("./Features/Coaching/CoachedTextArea.razor.js").Setup<bool>("replace", _ => true).SetResult(true);
        var page = RenderThanks();

        Type(page, "did", "You carried the piano down two flights.");

        page.WaitForAssertion(() => Assert.Equal("saved", page.Find(".save-indicator").GetAttribute("data-state")), TimeSpan.FromSeconds(10));
        await using var scope = App.Services.CreateAsyncScope();
        var stored = await App.ServiceFor<ThanksStore>(AccountId, scope).FindAsync(noteId);
        Assert.Equal("You carried the piano down two flights.", stored!.WhatTheyDid);
        Assert.StartsWith("Hi Sam,", stored.Text, StringComparison.Ordinal);
    }

    private int typedVersion;

    /// <summary>The note as the server has it (the text the browser is asked to show).</summary>
    private static string NoteOf(IRenderedComponent<ThanksPage> page) =>
        page.FindComponents<CoachedTextArea>().Single(c => c.Instance.Id == "note").Instance.Text;

    /// <summary>What the browser sends as the user types: the field's whole text, with its next version.</summary>
    private void Type(IRenderedComponent<ThanksPage> page, string field, string text)
    {
        var area = page.FindComponents<CoachedTextArea>().Single(c => c.Instance.Id == field);
        page.InvokeAsync(() => area.Instance.TextChanged(text, ++typedVersion));
    }

    private IRenderedComponent<ThanksPage> RenderThanks()
    {
        Render<MudPopoverProvider>();
        var page = Render<ThanksPage>(p => p.Add(x => x.Id, noteId));
        page.WaitForElement(".composer-layout");
        return page;
    }
}
