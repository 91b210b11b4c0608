using Bunit;
using HelpAsk.Core.Analysis;
using HelpAsk.Testing;
using HelpAsk.Web.Features.Coaching;

namespace HelpAsk.Web.Tests.Components;

public sealed class CoachingComponentTests : BunitContext
{
    private static readonly PitfallAnalyzer Analyzer = new();

    public CoachingComponentTests()
    {
        this.UseAppFrame();
    }

    private static IReadOnlyList<PitfallFinding> Analyze(string text) => Analyzer.Analyze(text, MessageKind.Request);

    private static IReadOnlyList<FieldCoaching> InField(string text)
    {
        var field = new FieldCoaching("signal", "Your request");
        field.Show(text, Analyze(text));
        return [field];
    }

    [Fact]
    public async Task A_coached_text_area_is_labelled_described_and_reports_each_change()
    {
        var changes = new List<(string, int)>();
        var rendered = Render<CoachedTextArea>(p => p
            .Add(x => x.Id, "signal")
            .Add(x => x.Label, "Your request")
            .Add(x => x.Hint, "One clear sentence.")
            .Add(x => x.Text, "sorry, sorry")
            .Add(x => x.Findings, Analyze("sorry, sorry"))
            .Add(x => x.Typed, (string text, int version) => { changes.Add((text, version)); return Analyze(text); }));

        var textarea = rendered.Find("textarea#signal");
        Assert.Equal("signal", rendered.Find("label").GetAttribute("for"));
        Assert.Contains("signal-hint", textarea.GetAttribute("aria-describedby"), StringComparison.Ordinal);
        Assert.Contains("signal-status", textarea.GetAttribute("aria-describedby"), StringComparison.Ordinal);
        Assert.Contains("2 things to consider", rendered.Find("#signal-status").TextContent, StringComparison.Ordinal);

        var marks = await rendered.InvokeAsync(() => rendered.Instance.TextChanged("Could you help on Saturday?", 1));

        Assert.Equal([("Could you help on Saturday?", 1)], changes);
        Assert.NotNull(marks);
    }

    [Fact]
    public void A_field_error_is_announced_and_marks_the_field_invalid()
    {
        var rendered = Render<CoachedTextArea>(p => p
            .Add(x => x.Id, "situation").Add(x => x.Label, "Situation").Add(x => x.Error, "Keep the situation under 4,000 characters."));

        Assert.Equal("true", rendered.Find("textarea").GetAttribute("aria-invalid"));
        Assert.Equal("alert", rendered.Find("#situation-error").GetAttribute("role"));
    }

    [Fact]
    public void The_panel_explains_each_pitfall_and_applies_a_suggestion_on_click()
    {
        (FieldFinding Item, Suggestion Suggestion)? applied = null;
        var rendered = Render<FindingsPanel>(p => p
            .Add(x => x.Fields, InField("It won't take long."))
            .Add(x => x.OnApply, ((FieldFinding Item, Suggestion Suggestion) choice) => applied = choice));

        var card = rendered.Find(".finding-card[data-rule='downplaying']");
        Assert.Contains("This makes the job sound smaller than it is.", card.TextContent, StringComparison.Ordinal);
        Assert.Contains("“won't take long”", card.TextContent, StringComparison.Ordinal);
        Assert.Contains("in Your request", card.TextContent, StringComparison.Ordinal);
        Assert.Contains("honest", card.QuerySelector("details")!.TextContent, StringComparison.Ordinal);

        card.QuerySelectorAll("button").First(b => b.TextContent.Contains("honest estimate", StringComparison.Ordinal)).Click();

        Assert.NotNull(applied);
        Assert.Equal("downplaying", applied.Value.Item.Finding.RuleId);
        Assert.True(applied.Value.Suggestion.DeletesSpan);
    }

    [Fact]
    public void Ignore_here_reports_the_occurrence()
    {
        FieldFinding? ignored = null;
        var rendered = Render<FindingsPanel>(p => p
            .Add(x => x.Fields, InField("You owe me."))
            .Add(x => x.OnIgnore, (FieldFinding item) => ignored = item));

        rendered.FindAll("button").First(b => b.TextContent.Trim() == "Ignore here").Click();

        Assert.Equal("keeping-score", ignored?.Finding.RuleId);
    }

    [Fact]
    public void Dont_flag_again_offers_to_allow_the_words_or_stop_the_rule()
    {
        string? allowed = null;
        string? disabled = null;
        var rendered = Render<FindingsPanel>(p => p
            .Add(x => x.Fields, InField("You owe me."))
            .Add(x => x.OnAllowPhrase, (string phrase) => allowed = phrase)
            .Add(x => x.OnDisableRule, (string rule) => disabled = rule));
        Assert.Empty(rendered.FindAll(".finding-dont-flag"));

        var toggle = rendered.FindAll("button").First(b => b.TextContent.Contains("Don't flag this again", StringComparison.Ordinal));
        Assert.Equal("false", toggle.GetAttribute("aria-expanded"));
        toggle.Click();
        toggle = rendered.FindAll("button").First(b => b.TextContent.Contains("Don't flag this again", StringComparison.Ordinal));
        Assert.Equal("true", toggle.GetAttribute("aria-expanded"));
        Assert.Equal(toggle.GetAttribute("aria-controls"), rendered.Find(".finding-dont-flag").Id);
        rendered.FindAll(".finding-dont-flag button").First(i => i.TextContent.Contains("Allow", StringComparison.Ordinal)).Click();

        Assert.Equal("You owe me", allowed);
        Assert.Null(disabled);
    }

    [Fact]
    public void Ready_to_send_is_said_only_when_nothing_is_missing_and_no_pitfall_is_open_anywhere()
    {
        var clean = InField("Could you water the plants on Sunday?");

        var missing = Render<ReadinessSummary>(p => p.Add(x => x.Fields, clean).Add(x => x.StillMissing, ["Say roughly how long it will take them."]));
        var elsewhere = Render<ReadinessSummary>(p => p.Add(x => x.Fields, clean).Add(x => x.PitfallsElsewhere, 4));
        var ready = Render<ReadinessSummary>(p => p.Add(x => x.Fields, clean));

        Assert.Equal("Not ready to send yet: Say roughly how long it will take them.", missing.Find(".readiness").TextContent.Trim());
        Assert.Equal("4 things to consider in other steps", elsewhere.Find(".readiness").TextContent.Trim());
        Assert.Contains("Ready to send", ready.Find(".readiness").TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Could you water the plants on Sunday?", "Ready to send")]
    [InlineData("It won't take long.", "1 thing to consider")]
    [InlineData("sorry, sorry, it won't take long", "3 things to consider")]
    public void The_summary_is_gentle(string text, string expected)
    {
        var rendered = Render<ReadinessSummary>(p => p.Add(x => x.Fields, InField(text)));

        Assert.Contains(expected, rendered.Find(".readiness").TextContent, StringComparison.Ordinal);
        Assert.Equal("status", rendered.Find(".readiness").GetAttribute("role"));
    }

    [Fact]
    public void Strengths_are_shown_as_encouragement()
    {
        var rendered = Render<FindingsPanel>(p => p.Add(x => x.Fields, InField("As fellow parents, could you take Leo? It would let me get to work on time.")));

        Assert.Empty(rendered.FindAll(".finding-card"));
        Assert.Contains("What's working", rendered.Markup, StringComparison.Ordinal);
        Assert.Equal(2, rendered.FindAll(".strengths li").Count);
    }
}
