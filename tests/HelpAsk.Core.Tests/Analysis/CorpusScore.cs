using System.Text.Json;
using HelpAsk.Core.Analysis;

namespace HelpAsk.Core.Tests.Analysis;

/// <summary>A message labelled in the shared corpus format (see docs/accuracy.md).</summary>
internal sealed record LabelledMessage(string Id, string Kind, string Text, string[] Pitfalls, string[] Strengths)
{
    public MessageKind MessageKind => Kind == "thanks" ? MessageKind.Thanks : MessageKind.Request;
}

/// <summary>True positives, false positives and false negatives of one rule or of several together.</summary>
internal readonly record struct Counts(int TruePositives, int FalsePositives, int FalseNegatives)
{
    public double Precision => TruePositives + FalsePositives == 0 ? 1 : (double)TruePositives / (TruePositives + FalsePositives);

    public double Recall => TruePositives + FalseNegatives == 0 ? 1 : (double)TruePositives / (TruePositives + FalseNegatives);

    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    public static Counts operator +(Counts a, Counts b) =>
        new(a.TruePositives + b.TruePositives, a.FalsePositives + b.FalsePositives, a.FalseNegatives + b.FalseNegatives);

    public override string ToString() => $"precision {Precision:F3}, recall {Recall:F3}, F1 {F1:F3}";
}

/// <summary>
/// Scores the analyzer on labelled messages per message and per rule id, micro-averaged, as the shared
/// <c>score-corpus</c> tool does: a rule raised on a message labelled with it is a true positive, raised on one
/// without it a false positive, labelled but not raised a false negative.
/// </summary>
internal sealed class CorpusScore
{
    public static readonly string[] Pitfalls =
        ["vague-favor", "quid-pro-quo", "sympathy-card", "over-apologizing", "disclaimer", "promising-enjoyment", "downplaying", "keeping-score", "group-ask", "pressure", "about-me-thanks"];

    public static readonly string[] Strengths = ["in-group", "positive-identity", "impact"];

    private static readonly PitfallAnalyzer Analyzer = new();
    private static readonly JsonSerializerOptions Options = new() { PropertyNameCaseInsensitive = true };

    private CorpusScore(Dictionary<string, Counts> byRule, List<string> misses, int messageCount)
    {
        ByRule = byRule;
        Misses = misses;
        MessageCount = messageCount;
    }

    public IReadOnlyDictionary<string, Counts> ByRule { get; }

    /// <summary>Each false positive and false negative with its message: never shown for a validation part.</summary>
    public IReadOnlyList<string> Misses { get; }

    public int MessageCount { get; }

    public Counts PitfallTotal => Pitfalls.Aggregate(default(Counts), (sum, rule) => sum + ByRule[rule]);

    public Counts StrengthTotal => Strengths.Aggregate(default(Counts), (sum, rule) => sum + ByRule[rule]);

    /// <summary>Every non-empty line of the files, each a labelled message.</summary>
    public static List<LabelledMessage> Load(IEnumerable<string> paths) =>
        [.. paths.SelectMany(File.ReadLines).Where(l => l.Trim().Length > 0).Select(l => JsonSerializer.Deserialize<LabelledMessage>(l, Options)!)];

    public static CorpusScore Of(IReadOnlyList<LabelledMessage> messages)
    {
        var byRule = Pitfalls.Concat(Strengths).ToDictionary(r => r, _ => default(Counts));
        var misses = new List<string>();
        foreach (var message in messages)
        {
            var found = Analyzer.Analyze(message.Text, message.MessageKind).Select(f => f.RuleId).ToHashSet();
            foreach (var rule in byRule.Keys.ToList())
            {
                var wanted = message.Pitfalls.Contains(rule) || message.Strengths.Contains(rule);
                var got = found.Contains(rule);
                var (tp, fp, fn) = (wanted && got ? 1 : 0, got && !wanted ? 1 : 0, wanted && !got ? 1 : 0);
                byRule[rule] += new Counts(tp, fp, fn);
                if (fp + fn > 0)
                {
                    misses.Add($"{(fp > 0 ? "FP" : "FN")} {rule} {message.Id}: {message.Text}");
                }
            }
        }

        return new CorpusScore(byRule, misses, messages.Count);
    }

    /// <summary>
    /// The coach as someone types: each message's first 3, 4, 5 and 6 words (where it has more), and how many pitfalls
    /// found there the whole message is not labelled with (each rule once a prefix): wrong there, and most of them
    /// findings that flicker up and go while a person writes.
    /// </summary>
    public static (int Prefixes, int NotLabelled) WhileTyping(IReadOnlyList<LabelledMessage> messages)
    {
        var (prefixes, wrong) = (0, 0);
        foreach (var message in messages)
        {
            var words = message.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            for (var count = 3; count <= 6 && count < words.Length; count++)
            {
                prefixes++;
                wrong += Analyzer.Analyze(string.Join(' ', words[..count]), message.MessageKind)
                    .Where(f => f.Kind == FindingKind.Pitfall).Select(f => f.RuleId).Distinct().Count(rule => !message.Pitfalls.Contains(rule));
            }
        }

        return (prefixes, wrong);
    }

    /// <summary>The pitfalls whose recall is below <paramref name="minimum"/>, with their figures (aggregates only).</summary>
    public IEnumerable<string> PitfallsWithRecallBelow(double minimum) =>
        Pitfalls.Where(r => ByRule[r].TruePositives + ByRule[r].FalseNegatives > 0 && ByRule[r].Recall < minimum)
            .Select(r => $"{r} recall {ByRule[r].Recall:F2} ({ByRule[r].TruePositives}/{ByRule[r].TruePositives + ByRule[r].FalseNegatives})");
}
