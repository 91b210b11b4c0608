using Bunit;
using HelpAsk.Core.Analysis;
using HelpAsk.Testing;
using HelpAsk.Web.Features.Coaching;
using HelpAsk.Web.Features.Helpers;
using HelpAsk.Web.Features.Requests;
using HelpAsk.Web.Features.Requests.Compose;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace HelpAsk.Web.Tests.Components;

/// <summary>The composer page against a real SQLite file: each step, its why, and its coaching.</summary>
public sealed class ComposePageTests() : SignedInPageTest("casey@example.org")
{
    private Guid draftId;

    protected override async Task SeedAsync()
    {
        await using (var scope = App.Services.CreateAsyncScope())
        {
            await App.ServiceFor<HelperDirectory>(AccountId, scope).AddValidAsync("Sam Jones", relationship: "neighbour");
            draftId = (await App.ServiceFor<RequestStore>(AccountId, scope).StartDraftAsync()).Id;
        }
    }

    protected override void AddServices()
    {
        Services.AddHelpers();
        Services.AddRequests();
        Services.AddCoaching();
    }

    private IRenderedComponent<ComposePage> RenderComposer()
    {
        Render<MudPopoverProvider>();
        var page = Render<ComposePage>(p => p.Add(x => x.Id, draftId));
        // The draft is read, then the stepper lays out its steps, in renders of their own (on PostgreSQL, after Render
        // returns): the step's own text is the last of them, and only its buttons stay valid.
        page.WaitForElement(".step-intro h2");
        return page;
    }

    /// <summary>What the browser sends as the user types: the field's whole text, with its next version.</summary>
    private static void Type(IRenderedComponent<ComposePage> page, string field, string text)
    {
        var area = page.FindComponents<CoachedTextArea>().Single(c => c.Instance.Id == field);
        page.InvokeAsync(() => area.Instance.TextChanged(text, ++typedVersion));
    }

    private static int typedVersion;

    private static Task NextAsync(IRenderedComponent<ComposePage> page) => ClickAsync(page, text => text == "Next");

    private const int SpecificsStep = 3;

    private const int ReviewStep = 5;

    /// <summary>The composer moved to a step with Next, as the user does.</summary>
    private async Task<IRenderedComponent<ComposePage>> RenderComposerAtAsync(int step)
    {
        var page = RenderComposer();
        for (var at = 0; at < step; at++)
        {
            await NextAsync(page);
        }

        return page;
    }

    [Fact]
    public async Task Each_step_says_why_it_matters()
    {
        var page = RenderComposer();
        string[] titles =
            ["Make them aware of the situation", "Say clearly that you need help", "Ask one specific person", "Say exactly what you need", "Stay open to any form of help", "Review the whole message"];
        for (var step = 0; step < titles.Length; step++)
        {
            Assert.Equal(titles[step], page.Find(".step-intro h2").TextContent);
            Assert.True(page.Find(".step-why").TextContent.Length > 60);
            if (step < titles.Length - 1)
            {
                await NextAsync(page);
            }
        }
    }

    [Fact]
    public void Typing_is_coached_at_once_and_a_suggestion_fixes_the_text()
    {
        JSInterop.SetupModule("./Features/Coaching/CoachedTextArea.razor.js").Setup<bool>("replace", _ => true).SetResult(true);
        var page = RenderComposer();

        Type(page, "situation", "I'm desperate - the boiler broke.");

        page.WaitForAssertion(() => Assert.NotNull(page.Find(".finding-card[data-rule='sympathy-card']")));
        page.Find(".finding-card[data-rule='sympathy-card']").QuerySelectorAll("button")
            .First(b => b.TextContent.Contains("I'm in a tough spot", StringComparison.Ordinal)).Click();

        // The fix is made in the browser, from the text it was found in.
        page.WaitForAssertion(() => Assert.Empty(page.FindAll(".finding-card")));
        var replace = JSInterop.Invocations["replace"].Single();
        Assert.Equal(["I'm desperate - the boiler broke.", "I'm in a tough spot - the boiler broke.", true], replace.Arguments.Skip(1));
    }

    [Fact]
    public async Task The_helper_step_offers_the_accounts_helpers_and_an_inline_form()
    {
        var page = RenderComposer();
        await NextAsync(page);
        await NextAsync(page);

        // The picker reads the account's helpers as it opens (at once on SQLite, a moment later on PostgreSQL): it is
        // read and clicked once that render is in, and each click's handler is awaited before the next.
        page.WaitForElement("#helper-select");
        Assert.Contains("Ask one specific person", page.Markup, StringComparison.Ordinal);
        Assert.Contains("One person per request.", page.Markup, StringComparison.Ordinal);
        await ClickAsync(page, text => text.Contains("Add someone new", StringComparison.Ordinal));
        await ClickAsync(page, text => text.Contains("Add and choose", StringComparison.Ordinal));

        // The directory's check, shown at the field it is about.
        Assert.Equal("Give the helper's name, so the request can greet them.", page.Find("#new-helper-name-error").TextContent);
        Assert.Equal("true", page.Find("#new-helper-name").GetAttribute("aria-invalid"));
    }

    [Fact]
    public async Task Changes_are_saved_without_a_save_button()
    {
        var page = RenderComposer();

        Type(page, "situation", "The couch won't fit through the door.");

        await using var scope = App.Services.CreateAsyncScope();
        var requests = App.ServiceFor<RequestStore>(AccountId, scope);
        // Read outside the renderer's dispatcher: a blocking read inside a check would wait on that dispatcher itself
        // whenever the database answers asynchronously (PostgreSQL does; SQLite's reads finish at once).
        var stored = (await Eventually.ReadAsync(() => requests.FindAsync(draftId, Xunit.TestContext.Current.CancellationToken),
            r => r?.Situation == "The couch won't fit through the door.", "the autosaved situation"))?.Situation;
        Assert.Equal("The couch won't fit through the door.", stored);
        page.WaitForAssertion(() => Assert.Equal("saved", page.Find(".save-indicator").GetAttribute("data-state")));
    }

    [Fact]
    public async Task A_date_chosen_in_the_browser_s_date_field_is_saved_and_an_emptied_one_removed()
    {
        var page = await RenderComposerAtAsync(SpecificsStep);

        page.WaitForElement("input[type='date']#needed-by");
        await page.InvokeAsync(() => page.Find("#needed-by").Change("2026-12-05"));

        await using var scope = App.Services.CreateAsyncScope();
        var requests = App.ServiceFor<RequestStore>(AccountId, scope);
        var chosen = await Eventually.ReadAsync(() => requests.FindAsync(draftId, Xunit.TestContext.Current.CancellationToken),
            r => r?.NeededBy == new DateOnly(2026, 12, 5), "the chosen date");
        Assert.Equal(new DateOnly(2026, 12, 5), chosen?.NeededBy);
        page.WaitForAssertion(() => Assert.Equal("2026-12-05", page.Find("#needed-by").GetAttribute("value")));

        await page.InvokeAsync(() => page.Find("#needed-by").Change(""));
        var emptied = await Eventually.ReadAsync(() => requests.FindAsync(draftId, Xunit.TestContext.Current.CancellationToken),
            r => r is not null && r.NeededBy is null, "the emptied date");
        Assert.Null(emptied?.NeededBy);
    }

    [Theory]
    [InlineData("2026-02-30", 0)]
    [InlineData("2026-12-05\u0000", 0)]
    [InlineData("05/12/2026", 0)]
    [InlineData("2026-12-05", 10_000)]
    public async Task A_forged_date_value_is_stored_as_no_date_and_the_composer_keeps_working(string forged, int digitsAfter)
    {
        var page = await RenderComposerAtAsync(SpecificsStep);

        page.WaitForElement("input[type='date']#needed-by");
        await page.InvokeAsync(() => page.Find("#needed-by").Change("2026-12-05"));
        await using var scope = App.Services.CreateAsyncScope();
        var requests = App.ServiceFor<RequestStore>(AccountId, scope);
        await Eventually.ReadAsync(() => requests.FindAsync(draftId, Xunit.TestContext.Current.CancellationToken),
            r => r?.NeededBy == new DateOnly(2026, 12, 5), "the chosen date");

        // What a browser never sends for a date field, but a forged circuit message can: no date, as for a half-typed one.
        await page.InvokeAsync(() => page.Find("#needed-by").Change(forged + new string('9', digitsAfter)));
        var stored = await Eventually.ReadAsync(() => requests.FindAsync(draftId, Xunit.TestContext.Current.CancellationToken),
            r => r is not null && r.NeededBy is null, "no date");
        Assert.Null(stored?.NeededBy);
        await NextAsync(page);
        page.WaitForAssertion(() => Assert.Contains("Stay open to any form of help", page.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public void A_draft_of_another_account_is_not_found()
    {
        Render<MudPopoverProvider>();

        var page = Render<ComposePage>(p => p.Add(x => x.Id, Guid.NewGuid()));

        page.WaitForAssertion(() => Assert.Contains("We can't find that draft.", page.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Finishing_an_unready_draft_shows_what_sending_needs_at_each_field()
    {
        var page = await RenderComposerAtAsync(ReviewStep);

        page.WaitForAssertion(() => page.FindAll("button").First(b => b.TextContent.Trim() == "Finish").Click());
        page.WaitForAssertion(() => Assert.Contains("Say roughly how long it will take them", page.Find("#finish-errors").TextContent, StringComparison.Ordinal));

        // The effort estimate (a plain outlined field) shows the check's answer in place of its helper text...
        page.WaitForAssertion(() => page.FindAll("button").First(b => b.TextContent.Trim() == "Back").Click());
        page.WaitForAssertion(() => page.FindAll("button").First(b => b.TextContent.Trim() == "Back").Click());
        page.WaitForAssertion(() => Assert.Contains("Say roughly how long it will take them",
            page.Find(".composer-row .mud-input-helper-text.mud-input-error").TextContent, StringComparison.Ordinal));
        Assert.Equal("true", page.Find("#effort-estimate").GetAttribute("aria-invalid"));
        Assert.Equal("effort-estimate-error", page.Find("#effort-estimate").GetAttribute("aria-describedby"));

        // ...and a coached field, whose text the browser owns, shows the same answer below it.
        Assert.Equal("Say exactly what you need.", page.Find("#what-error").TextContent.Trim());
    }

    /// <summary>
    /// The effort estimate is saved as it is typed; one over the limit is not saved, and the store's check (the Core
    /// validator's message) is shown at the field, which keeps the text, until it is short enough again.
    /// </summary>
    [Fact]
    public async Task The_effort_estimate_is_saved_as_typed_and_one_too_long_is_shown_at_the_field_and_kept()
    {
        var page = await RenderComposerAtAsync(SpecificsStep);

        page.WaitForElement("#effort-estimate");
        Assert.Equal("Honest effort estimate", page.Find("label[for='effort-estimate']").TextContent);
        Assert.Equal("effort-estimate-helper", page.Find("#effort-estimate").GetAttribute("aria-describedby"));
        Assert.Equal("How long it will really take them.", page.Find("#effort-estimate-helper").TextContent);
        await page.InvokeAsync(() => page.Find("#effort-estimate").Input("about an hour"));
        await using var scope = App.Services.CreateAsyncScope();
        var requests = App.ServiceFor<RequestStore>(AccountId, scope);
        await Eventually.ReadAsync(() => requests.FindAsync(draftId, Xunit.TestContext.Current.CancellationToken),
            r => r?.EffortEstimate == "about an hour", "the typed estimate");

        var tooLong = new string('x', HelpAsk.Core.Domain.HelpRequest.PartMaxLength + 1);
        await page.InvokeAsync(() => page.Find("#effort-estimate").Input(tooLong));

        page.WaitForAssertion(() => Assert.Equal("Keep the effort estimate under 4,000 characters.", page.Find("#effort-estimate-error").TextContent),
            TimeSpan.FromSeconds(10));
        var field = page.Find("#effort-estimate");
        Assert.Equal(("true", "effort-estimate-error", tooLong), (field.GetAttribute("aria-invalid"), field.GetAttribute("aria-describedby"), field.GetAttribute("value")));
        Assert.Equal("invalid", page.Find(".save-indicator").GetAttribute("data-state"));
        Assert.Equal("about an hour", (await requests.FindAsync(draftId, Xunit.TestContext.Current.CancellationToken))?.EffortEstimate);

        await page.InvokeAsync(() => page.Find("#effort-estimate").Input("about two hours"));
        await Eventually.ReadAsync(() => requests.FindAsync(draftId, Xunit.TestContext.Current.CancellationToken),
            r => r?.EffortEstimate == "about two hours", "the shortened estimate");
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("#effort-estimate-error")));
        Assert.Equal("false", page.Find("#effort-estimate").GetAttribute("aria-invalid"));
    }

    [Fact]
    public async Task Ignoring_an_occurrence_is_remembered_for_the_account()
    {
        var page = RenderComposer();
        // "You owe me one.": three words alone, "You owe me.", the learned model also reads as pressure.
        Type(page, "situation", "You owe me one.");
        page.WaitForAssertion(() => Assert.NotNull(page.Find(".finding-card[data-rule='keeping-score']")));

        // Awaited: the handler stores the choice, so it is there to read once the click is done.
        await ClickAsync(page, text => text == "Ignore here", within: ".finding-card");

        Assert.Empty(page.FindAll(".finding-card"));
        await using var scope = App.Services.CreateAsyncScope();
        var preferences = await App.ServiceFor<CoachingSettings>(AccountId, scope).GetAsync();
        Assert.Equal(new IgnoredOccurrence("keeping-score", "You owe me", "You owe me one."), Assert.Single(preferences.IgnoredOccurrences));
    }

    [Fact]
    public async Task A_keystroke_re_renders_only_the_findings_of_the_field_typed_in()
    {
        var renders = new RenderLog();
        Services.AddLogging(logging => logging.AddProvider(renders).SetMinimumLevel(LogLevel.Debug));
        // The autosave's pause is on a clock that does not move: a save (which renders its indicator) cannot land between
        // keystrokes however slowly a busy machine runs them.
        Services.AddSingleton<TimeProvider>(new FakeTimeProvider(DateTimeOffset.UtcNow));
        var page = RenderComposer();
        var situation = page.FindComponents<CoachedTextArea>().Single(c => c.Instance.Id == "situation").Instance;
        var version = 0;
        Task Keystroke(string text) => page.InvokeAsync(() => situation.TextChanged(text, ++version));

        // The first key changes the page's outline (a part is no longer empty, the draft is pending a save).
        await Keystroke("Our boiler broke");
        renders.Clear();

        // Typing on: the field's findings stay the same, so nothing renders again.
        foreach (var text in new[] { "Our boiler broke l", "Our boiler broke la", "Our boiler broke las", "Our boiler broke last" })
        {
            await Keystroke(text);
        }

        Assert.Empty(renders.Components);

        // A keystroke that brings a finding re-renders that field's findings (its cards, its count, the summary of
        // the step's findings) and what the new cards hold; neither the page nor the panel around them.
        await Keystroke("Our boiler broke last night and I'm desperate.");

        Assert.NotNull(page.Find(".finding-card[data-rule='sympathy-card']"));
        Assert.Equal(
            ["CoachedTextArea", "FieldFindingCards", "ReadinessSummary"],
            renders.Components.Where(t => t.StartsWith("HelpAsk.", StringComparison.Ordinal)).Select(t => t[(t.LastIndexOf('.') + 1)..]).Distinct().Order());
        Assert.DoesNotContain(renders.Components, t => t.StartsWith("MudBlazor.MudStep", StringComparison.Ordinal));
    }

    /// <summary>Which components rendered, from the renderer's own log ("Rendering component … of type …").</summary>
    private sealed class RenderLog : ILoggerProvider, ILogger
    {
        private readonly List<string> components = [];

        public IReadOnlyList<string> Components
        {
            get
            {
                lock (components)
                {
                    return [.. components];
                }
            }
        }

        public void Clear()
        {
            lock (components)
            {
                components.Clear();
            }
        }

        public ILogger CreateLogger(string categoryName) => categoryName == "Microsoft.AspNetCore.Components.RenderTree.Renderer" ? this : NullLogger.Instance;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Name == "RenderingComponent" && state is IReadOnlyList<KeyValuePair<string, object?>> values
                && values.FirstOrDefault(v => v.Key == "ComponentType").Value is { } type)
            {
                lock (components)
                {
                    components.Add(type.ToString()!);
                }
            }
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public void Dispose()
        {
        }
    }
}
