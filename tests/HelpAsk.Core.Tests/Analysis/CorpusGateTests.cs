namespace HelpAsk.Core.Tests.Analysis;

/// <summary>
/// The gate on wording the project has never seen (issue 15): the blind batches' validation part, never read
/// while changing rules, and their train part, on which the rules were improved (docs/accuracy.md). A failure on
/// the validation part reports aggregate figures only, never its messages.
/// </summary>
/// <remarks>
/// Issue 15's goal for the validation part is pitfall micro-F1 0.90 with precision 0.95, every pitfall's recall
/// 0.80 and strengths micro-F1 0.80; all four are met. The thresholds below were set in session 18 (the learned model
/// with lifts, docs/accuracy.md; rounded down to 0.01, the while-typing ceiling up; recall at the goal), so that the coach
/// cannot get worse unnoticed (pitfall F1 raised to 0.93, strengths to 0.84 and the while-typing ceiling lowered to 0.03
/// in session 21); the figures beside them are session 22's, with the 341 batches in Corpus/validation (session 22's 96
/// new batches split in).
/// </remarks>
public sealed class CorpusGateTests
{
    // Goal 0.90 / 0.95 (issue 15); measured 0.943 / 0.958 (8,689 right, 381 wrong, 672 missed).
    private const double ValidationPitfallF1 = 0.93;
    private const double ValidationPitfallPrecision = 0.95;

    // Goal 0.80 for every pitfall (issue 15); measured lowest: downplaying 0.886 (898 of 1,014), quid-pro-quo 0.888 (880
    // of 991), pressure 0.890 (1,001 of 1,125).
    private const double ValidationPitfallRecall = 0.80;

    // Goal 0.80 (issue 15); measured 0.853 (2,751 right, 493 wrong, 456 missed); 0.853 on session 21's smaller part.
    private const double ValidationStrengthF1 = 0.84;

    // While someone types, the first words alone are judged: a pitfall found there that the whole message is not
    // labelled with is wrong there, and most flicker up and go. Measured 899 in 44,992 prefixes of 3 to 6 words (0.020);
    // with a probability threshold instead of a lift, 1,363 of 19,395 (session 18, docs/accuracy.md); with pressure's lift
    // at 0.75, 1,161 (session 22: the trainer's lowest lift is now 1.0).
    private const double ValidationWrongWhileTyping = 0.03;

    // The train part, read and worked on, and now also learned from (so no evidence of generalising); goal as for
    // validation. Measured 0.989 / 0.997 and strengths 0.953.
    private const double TrainPitfallF1 = 0.98;
    private const double TrainPitfallPrecision = 0.99;
    private const double TrainStrengthF1 = 0.95;

    private static CorpusScore Part(string name) => CorpusScore.Of(Messages(name));

    private static List<LabelledMessage> Messages(string part)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Analysis", "Corpus", part);
        var messages = CorpusScore.Load(Directory.GetFiles(folder, "*.jsonl").Order(StringComparer.Ordinal));
        Assert.True(messages.Count >= 60, $"{messages.Count} messages in the {part} part");
        return messages;
    }

    [Fact]
    public void Validation_pitfalls_hold_their_f1_and_precision()
    {
        var total = Part("validation").PitfallTotal;

        Assert.True(total.F1 >= ValidationPitfallF1 && total.Precision >= ValidationPitfallPrecision, $"validation pitfalls: {total}");
    }

    [Fact]
    public void Validation_recall_of_every_pitfall_holds()
    {
        var low = Part("validation").PitfallsWithRecallBelow(ValidationPitfallRecall).ToList();

        Assert.True(low.Count == 0, $"validation: {string.Join("; ", low)}");
    }

    [Fact]
    public void Validation_strengths_hold_their_f1()
    {
        var total = Part("validation").StrengthTotal;

        Assert.True(total.F1 >= ValidationStrengthF1, $"validation strengths: {total}");
    }

    [Fact]
    public void Validation_first_words_as_typed_seldom_raise_a_pitfall_the_whole_message_is_not_labelled_with()
    {
        var (prefixes, wrong) = CorpusScore.WhileTyping(Messages("validation"));

        Assert.True(wrong <= ValidationWrongWhileTyping * prefixes, $"validation while typing: {wrong} in {prefixes} prefixes");
    }

    [Fact]
    public void Train_pitfalls_hold_their_f1_and_precision()
    {
        var score = Part("train");

        Assert.True(score.PitfallTotal.F1 >= TrainPitfallF1 && score.PitfallTotal.Precision >= TrainPitfallPrecision, $"train pitfalls: {score.PitfallTotal}\n{string.Join('\n', score.Misses)}");
    }

    [Fact]
    public void Train_strengths_hold_their_f1()
    {
        var score = Part("train");

        Assert.True(score.StrengthTotal.F1 >= TrainStrengthF1, $"train strengths: {score.StrengthTotal}\n{string.Join('\n', score.Misses)}");
    }
}
