using System.Text.Json;
using HelpAsk.Core.Analysis;

namespace HelpAsk.Core.Tests.Analysis;

/// <summary>
/// The project's own labelled messages (written for this project, in the shared corpus format):
/// the analyzer must keep pitfall micro-F1 at 0.90 or more and precision at 0.95 or more,
/// since a coach that nags gets switched off.
/// </summary>
public sealed class LabelledMessagesTests
{
    private static readonly string[] Pitfalls =
        ["vague-favor", "quid-pro-quo", "sympathy-card", "over-apologizing", "disclaimer", "promising-enjoyment", "downplaying", "keeping-score", "group-ask", "pressure", "about-me-thanks"];

    private static readonly string[] Strengths = ["in-group", "positive-identity", "impact"];

    private sealed record LabelledMessage(string Id, string Kind, string Text, string[] Pitfalls, string[] Strengths);

    private static List<LabelledMessage> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Analysis", "labelled-messages.jsonl");
        var options = new JsonSerializerOptions { PropertyNameCaseInsensitive = true };
        return [.. File.ReadLines(path).Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<LabelledMessage>(l, options)!)];
    }

    [Fact]
    public void There_are_at_least_150_messages_with_hard_negatives_among_them()
    {
        var messages = Load();

        Assert.True(messages.Count >= 150, $"{messages.Count} messages");
        Assert.True(messages.Count(m => m.Pitfalls.Length == 0) >= 50, "too few messages without any pitfall");
        Assert.Equal(messages.Count, messages.Select(m => m.Id).Distinct().Count());
        Assert.All(messages.SelectMany(m => m.Pitfalls), id => Assert.Contains(id, Pitfalls));
        Assert.All(messages.SelectMany(m => m.Strengths), id => Assert.Contains(id, Strengths));
    }

    [Fact]
    public void Pitfalls_are_found_with_f1_of_at_least_0_90_and_precision_of_at_least_0_95()
    {
        var (precision, recall, f1, misses) = Score(Pitfalls, m => m.Pitfalls);

        Assert.True(precision >= 0.95 && f1 >= 0.90,
            $"precision {precision:F3}, recall {recall:F3}, F1 {f1:F3}\n{string.Join('\n', misses)}");
    }

    [Fact]
    public void Strengths_are_recognised_with_f1_of_at_least_0_85()
    {
        var (precision, recall, f1, misses) = Score(Strengths, m => m.Strengths);

        Assert.True(f1 >= 0.85, $"precision {precision:F3}, recall {recall:F3}, F1 {f1:F3}\n{string.Join('\n', misses)}");
    }

    private static (double Precision, double Recall, double F1, List<string> Misses) Score(string[] rules, Func<LabelledMessage, string[]> expected)
    {
        var analyzer = new PitfallAnalyzer();
        int truePositives = 0, falsePositives = 0, falseNegatives = 0;
        var misses = new List<string>();
        foreach (var message in Load())
        {
            var kind = message.Kind == "thanks" ? MessageKind.Thanks : MessageKind.Request;
            var found = analyzer.Analyze(message.Text, kind).Select(f => f.RuleId).ToHashSet();
            foreach (var rule in rules)
            {
                var wanted = expected(message).Contains(rule);
                var got = found.Contains(rule);
                if (wanted && got)
                {
                    truePositives++;
                }
                else if (got)
                {
                    falsePositives++;
                    misses.Add($"FP {rule} {message.Id}: {message.Text}");
                }
                else if (wanted)
                {
                    falseNegatives++;
                    misses.Add($"FN {rule} {message.Id}: {message.Text}");
                }
            }
        }

        var precision = truePositives + falsePositives == 0 ? 1 : (double)truePositives / (truePositives + falsePositives);
        var recall = truePositives + falseNegatives == 0 ? 1 : (double)truePositives / (truePositives + falseNegatives);
        var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return (precision, recall, f1, misses);
    }

    [Fact]
    public void A_request_is_read_the_same_alone_and_at_the_end_of_a_long_text()
    {
        // The matcher works sentence by sentence on long texts; nothing before a message may change what is
        // found in it, apart from apologies, which are counted over the whole text.
        static bool Local(PitfallFinding finding) => finding.RuleId != "over-apologizing";
        var analyzer = new PitfallAnalyzer();
        var messages = Load().Where(m => m.Kind == "request").ToList();
        var prefix = string.Join("\n\n", messages.Select(m => m.Text)) + "\n\n";
        Assert.True(prefix.Length > 20_000, $"{prefix.Length} characters before the message");

        foreach (var message in messages)
        {
            var alone = analyzer.Analyze(message.Text, MessageKind.Request).Where(Local).ToList();
            var atEnd = analyzer.Analyze(prefix + message.Text, MessageKind.Request)
                .Where(f => f.Start >= prefix.Length && Local(f))
                .Select(f => f with { Start = f.Start - prefix.Length })
                .ToList();
            Assert.True(alone.SequenceEqual(atEnd), $"{message.Id}: alone [{string.Join("; ", alone.Select(f => $"{f.RuleId} {f.Start} {f.Text}"))}] at end [{string.Join("; ", atEnd.Select(f => $"{f.RuleId} {f.Start} {f.Text}"))}]");
        }
    }
}
