namespace HelpAsk.Core.Tests.Analysis;

/// <summary>
/// The gate on wording the project has never seen (issue 15): the blind batches' validation part, never read
/// while changing rules, and their train part, on which the rules were improved (docs/accuracy.md). A failure on
/// the validation part reports aggregate figures only, never its messages.
/// </summary>
public sealed class CorpusGateTests
{
    private static CorpusScore Part(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Analysis", "Corpus", name);
        var messages = CorpusScore.Load(Directory.GetFiles(folder, "*.jsonl").Order(StringComparer.Ordinal));
        Assert.True(messages.Count >= 60, $"{messages.Count} messages in the {name} part");
        return CorpusScore.Of(messages);
    }

    [Fact]
    public void Validation_pitfalls_hold_f1_of_0_90_with_precision_of_0_95()
    {
        var total = Part("validation").PitfallTotal;

        Assert.True(total.F1 >= 0.90 && total.Precision >= 0.95, $"validation pitfalls: {total}");
    }

    [Fact]
    public void Validation_recall_of_every_pitfall_is_at_least_0_80()
    {
        var low = Part("validation").PitfallsWithRecallBelow(0.80).ToList();

        Assert.True(low.Count == 0, $"validation: {string.Join("; ", low)}");
    }

    [Fact]
    public void Validation_strengths_hold_f1_of_0_80()
    {
        var total = Part("validation").StrengthTotal;

        Assert.True(total.F1 >= 0.80, $"validation strengths: {total}");
    }

    [Fact]
    public void Train_pitfalls_hold_f1_of_0_95_with_precision_of_0_95()
    {
        var score = Part("train");

        Assert.True(score.PitfallTotal.F1 >= 0.95 && score.PitfallTotal.Precision >= 0.95, $"train pitfalls: {score.PitfallTotal}\n{string.Join('\n', score.Misses)}");
    }

    [Fact]
    public void Train_strengths_hold_f1_of_0_90()
    {
        var score = Part("train");

        Assert.True(score.StrengthTotal.F1 >= 0.90, $"train strengths: {score.StrengthTotal}\n{string.Join('\n', score.Misses)}");
    }
}
