using System.Text;
using HelpAsk.Core.Analysis;

namespace HelpAsk.Core.Tests.Analysis;

public sealed class RuleCatalogTests
{
    private static readonly PitfallAnalyzer Analyzer = new();

    public static TheoryData<string> RuleIds() => [.. RuleCatalog.Default.Descriptions.Select(r => r.Id)];

    [Fact]
    public void The_catalog_has_exactly_the_taxonomy_rules()
    {
        var ids = RuleCatalog.Default.Descriptions.Select(r => r.Id).ToHashSet();

        Assert.Equal(
            new HashSet<string>
            {
                "vague-favor", "quid-pro-quo", "sympathy-card", "over-apologizing", "disclaimer", "promising-enjoyment",
                "downplaying", "keeping-score", "group-ask", "pressure", "about-me-thanks", "in-group", "positive-identity", "impact",
            },
            ids);
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Every_rule_explains_itself(string id)
    {
        var rule = RuleCatalog.Default.Descriptions.Single(r => r.Id == id);

        Assert.False(string.IsNullOrWhiteSpace(rule.Message));
        Assert.True(rule.Why.Length > 80, "the why should say what the research says");
        Assert.NotEmpty(rule.AppliesTo);
        Assert.NotEmpty(rule.FlaggedExamples);
        Assert.NotEmpty(rule.FineExamples);
        if (rule.Kind == FindingKind.Pitfall)
        {
            Assert.NotEmpty(rule.Suggestions);
            Assert.NotEqual(FindingSeverity.Positive, rule.Severity);
        }
        else
        {
            Assert.Equal(FindingSeverity.Positive, rule.Severity);
        }
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Every_rule_flags_its_own_examples_and_leaves_its_fine_ones_alone(string id)
    {
        var rule = RuleCatalog.Default.Descriptions.Single(r => r.Id == id);
        var kind = rule.AppliesTo[0];

        foreach (var example in rule.FlaggedExamples)
        {
            Assert.Contains(Analyzer.Analyze(example, kind), f => f.RuleId == id);
        }

        foreach (var example in rule.FineExamples)
        {
            Assert.DoesNotContain(Analyzer.Analyze(example, kind), f => f.RuleId == id);
        }
    }

    [Fact]
    public void A_malformed_pattern_is_reported_with_the_pattern_itself()
    {
        const string json = """
            { "classes": {}, "forms": {}, "rules": [ { "id": "x", "kind": "pitfall", "severity": "warning", "appliesTo": ["request"],
              "message": "m", "why": "w", "suggestions": [], "patterns": ["(unclosed group"] } ] }
            """;

        var error = Assert.Throws<FormatException>(() => RuleCatalog.Load(new MemoryStream(Encoding.UTF8.GetBytes(json))));

        Assert.Contains("(unclosed group", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_notWith_that_names_no_rule_is_reported()
    {
        const string json = """
            { "classes": {}, "forms": {}, "rules": [ { "id": "x", "kind": "strength", "severity": "positive", "appliesTo": ["request"],
              "notWith": ["no-such-rule"], "patterns": ["hello"] } ] }
            """;

        var error = Assert.Throws<FormatException>(() => RuleCatalog.Load(new MemoryStream(Encoding.UTF8.GetBytes(json))));

        Assert.Contains("no-such-rule", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pattern_must_start_with_a_word_so_it_can_be_indexed()
    {
        const string json = """
            { "classes": {}, "forms": {}, "rules": [ { "id": "x", "kind": "pitfall", "severity": "warning", "appliesTo": ["request"],
              "message": "m", "why": "w", "suggestions": [], "patterns": ["*{0,2} favor"] } ] }
            """;

        Assert.Throws<FormatException>(() => RuleCatalog.Load(new MemoryStream(Encoding.UTF8.GetBytes(json))));
    }

    [Fact]
    public void A_custom_catalog_can_be_loaded_from_data()
    {
        const string json = """
            { "classes": { "fruit": "apple|pear" }, "forms": { "pear's": "pear" }, "rules": [ { "id": "fruit-talk", "kind": "pitfall", "severity": "suggestion",
              "appliesTo": ["request", "thanks"], "message": "Fruit!", "why": "Because.", "suggestions": [{ "replacement": "", "label": "drop it" }],
              "patterns": ["(ripe|juicy)? @fruit"] } ] }
            """;
        var analyzer = new PitfallAnalyzer(RuleCatalog.Load(new MemoryStream(Encoding.UTF8.GetBytes(json))));

        var finding = Assert.Single(analyzer.Analyze("Would you like a juicy Pear?", MessageKind.Request));

        Assert.Equal("fruit-talk", finding.RuleId);
        Assert.Equal("juicy Pear", finding.Text);
        Assert.Equal(FindingSeverity.Suggestion, finding.Severity);
    }
}
