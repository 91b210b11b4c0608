using System.Runtime.Intrinsics;
using HelpAsk.Core.Analysis;
using HelpAsk.Core.Analysis.Learned;

namespace HelpAsk.Core.Tests.Analysis;

/// <summary>
/// The learned model beside the rules (docs/accuracy.md, "the learned model"): trained on the train part alone, and
/// raising a rule only as a finding the user can read, switch off and ignore like any other.
/// </summary>
public sealed class LearnedModelTests
{
    private const string Sentence = "Could you help me move the piano on Saturday?";

    /// <summary>
    /// Trains from the train part, the project's labelled messages and the constructions' examples, and compares with the model embedded in Core, so
    /// the shipped weights provably come from those alone. With HELPASK_WRITE_LEARNED_MODEL=FOLDER it writes the new model and its
    /// cross-validation report there instead (copy the model to src/HelpAsk.Core/Analysis/Learned/ after adding batches).
    /// </summary>
    [Fact]
    public void The_embedded_model_is_exactly_what_training_on_the_train_part_and_the_labelled_messages_gives()
    {
        // The train part and the project's own labelled messages (hard negatives written with the rules); never validation.
        var analysis = Path.Combine(AppContext.BaseDirectory, "Analysis");
        var files = Directory.GetFiles(Path.Combine(analysis, "Corpus", "train"), "*.jsonl").Order(StringComparer.Ordinal).Append(Path.Combine(analysis, "labelled-messages.jsonl"));
        // The constructions' own examples teach their rule alone, as the catalog's examples do: a hard negative written
        // for one rule says nothing about the others, and a recognised construction is a flagged example of its rule
        // (session 16: validation pitfalls 0.925 to 0.929, pressure 179 to 184 of 237).
        var messages = CorpusScore.Load(files)
            .Select(m => new TrainingMessage(m.Text, m.MessageKind, m.Pitfalls.Concat(m.Strengths).ToHashSet(StringComparer.Ordinal)))
            .Concat(Examples(ConstructionTests.HarmlessUses, flagged: false))
            .Concat(Examples(ConstructionTests.Recognised, flagged: true))
            .ToList();

        var (trained, report) = LearnedModelTrainer.Train(messages, RuleCatalog.Default);

        var target = Environment.GetEnvironmentVariable("HELPASK_WRITE_LEARNED_MODEL");
        if (!string.IsNullOrEmpty(target))
        {
            Directory.CreateDirectory(target);
            using (var file = File.Create(Path.Combine(target, "learned-model.bin")))
            {
                trained.Write(file);
            }

            File.WriteAllLines(Path.Combine(target, "learned-model.txt"), report);
            return;
        }

        var shipped = LearnedModel.Default;
        Assert.Equal(trained.Rules.Select(r => (r.Id, r.Lift, r.Veto)), shipped.Rules.Select(r => (r.Id, r.Lift, r.Veto)));
        Assert.Equal(trained.Features, shipped.Features);
        for (var rule = 0; rule < trained.Rules.Count; rule++)
        {
            Assert.Equal(trained.Rules[rule].Bias, shipped.Rules[rule].Bias, 1e-4);
            for (var row = 0; row < trained.Features.Count; row++)
            {
                Assert.Equal(trained.Weight(row, rule), shipped.Weight(row, rule), 1e-3);
            }
        }
    }

    private static IEnumerable<TrainingMessage> Examples(TheoryData<string, MessageKind, string> examples, bool flagged) =>
        examples.Select(row =>
        {
            var (rule, kind, text) = row.Data;
            return new TrainingMessage(text, kind, flagged ? new HashSet<string> { rule } : [], rule);
        });

    [Fact]
    public void A_rule_the_model_raises_is_placed_on_its_strongest_sentence_with_the_rules_message_and_no_rewording()
    {
        var analyzer = new PitfallAnalyzer(RuleCatalog.Default, ModelRaising("vague-favor", "piano"));

        var finding = Assert.Single(analyzer.Analyze("Hi Sam, hope the new job is going well. " + Sentence + " Thanks!", MessageKind.Request), f => f.RuleId == "vague-favor");

        Assert.Equal(Sentence[..^1], finding.Text);
        var description = RuleCatalog.Default.Descriptions.Single(d => d.Id == "vague-favor");
        Assert.Equal((description.Message, description.Why, FindingSeverity.Warning), (finding.Message, finding.Why, finding.Severity));
        Assert.Empty(finding.Suggestions);
    }

    [Fact]
    public void A_rule_switched_off_an_allowed_phrase_or_an_ignored_occurrence_keeps_the_model_silent_too()
    {
        var analyzer = new PitfallAnalyzer(RuleCatalog.Default, ModelRaising("vague-favor", "piano"));
        var found = analyzer.Analyze(Sentence, MessageKind.Request).Single(f => f.RuleId == "vague-favor");

        Assert.DoesNotContain(analyzer.Analyze(Sentence, MessageKind.Request, new AnalyzerOptions { DisabledRules = new HashSet<string> { "vague-favor" } }), f => f.RuleId == "vague-favor");
        Assert.DoesNotContain(analyzer.Analyze(Sentence, MessageKind.Request, new AnalyzerOptions { AllowedPhrases = ["move the piano"] }), f => f.RuleId == "vague-favor");
        Assert.DoesNotContain(
            analyzer.Analyze(Sentence, MessageKind.Request, new AnalyzerOptions { IgnoredOccurrences = [new IgnoredOccurrence("vague-favor", found.Text, PitfallAnalyzer.SentenceAround(Sentence, found.Start))] }),
            f => f.RuleId == "vague-favor");
    }

    [Fact]
    public void The_model_raises_nothing_for_a_kind_of_message_its_rule_is_not_for_nor_twice_where_the_rules_found_it()
    {
        var thanksOnly = new PitfallAnalyzer(RuleCatalog.Default, ModelRaising("about-me-thanks", "piano"));
        Assert.DoesNotContain(thanksOnly.Analyze(Sentence, MessageKind.Request), f => f.RuleId == "about-me-thanks");

        var apologies = new PitfallAnalyzer(RuleCatalog.Default, ModelRaising("over-apologizing", "sorry"));
        const string Sorry = "Sorry, sorry, so sorry to bother you. " + Sentence;
        Assert.Equal(
            new PitfallAnalyzer(RuleCatalog.Default).Analyze(Sorry, MessageKind.Request).Count(f => f.RuleId == "over-apologizing"),
            apologies.Analyze(Sorry, MessageKind.Request).Count(f => f.RuleId == "over-apologizing"));
    }

    [Fact]
    public void A_patterns_finding_is_withdrawn_in_a_message_the_model_is_all_but_sure_is_without_it()
    {
        const string Told = "You have to cover my shift on Saturday at 9.";
        const string Harmless = Told + " The ramp at the back is broken.";
        var analyzer = new PitfallAnalyzer(RuleCatalog.Default, ModelVetoing("pressure", "ramp"));
        Assert.Contains(new PitfallAnalyzer(RuleCatalog.Default).Analyze(Harmless, MessageKind.Request), f => f.RuleId == "pressure");

        Assert.DoesNotContain(analyzer.Analyze(Harmless, MessageKind.Request), f => f.RuleId == "pressure");
        Assert.Contains(analyzer.Analyze(Told, MessageKind.Request), f => f.RuleId == "pressure");
    }

    [Fact]
    public void The_model_withdraws_neither_a_users_own_phrase_nor_anything_in_a_long_text()
    {
        const string Harmless = "Could you bring the van on Saturday at 9? The ramp at the back is broken.";
        var analyzer = new PitfallAnalyzer(RuleCatalog.Default, ModelVetoing("pressure", "ramp"));

        var personal = analyzer.Analyze(Harmless, MessageKind.Request, new AnalyzerOptions { PersonalPhrases = [new PersonalPhrase("pressure", "Saturday at 9")] });
        Assert.Equal("Saturday at 9", Assert.Single(personal, f => f.RuleId == "pressure").Text);

        // A text of many messages: the sentence that tells is judged by the patterns alone.
        var document = string.Concat(Enumerable.Repeat("Thanks again for the lift to the station last week. ", 30)) + "You have to cover my shift on Saturday at 9. " + Harmless;
        Assert.True(document.Length > 1_500);
        Assert.Contains(analyzer.Analyze(document, MessageKind.Request), f => f.RuleId == "pressure");
    }

    [Fact]
    public void A_users_own_phrase_keeps_its_rule_from_the_models_veto()
    {
        // The model would withdraw the pattern's "You have to"; the user has said this phrase is their pressure, so the
        // rule stands in this message, where its pattern and the phrase overlap.
        const string Text = "You have to cover my shift on Saturday at 9. The ramp at the back is broken.";
        var analyzer = new PitfallAnalyzer(RuleCatalog.Default, ModelVetoing("pressure", "ramp"));

        var found = analyzer.Analyze(Text, MessageKind.Request, new AnalyzerOptions { PersonalPhrases = [new PersonalPhrase("pressure", "have to cover my shift")] });

        var pressure = Assert.Single(found, f => f.RuleId == "pressure");
        Assert.Contains("have to", pressure.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(analyzer.Analyze(Text, MessageKind.Request), f => f.RuleId == "pressure");
    }

    [Fact]
    public void The_model_judges_a_text_of_up_to_1500_characters_and_no_longer()
    {
        const string Harmless = "You have to cover my shift on Saturday at 9. The ramp at the back is broken.";
        var analyzer = new PitfallAnalyzer(RuleCatalog.Default, ModelVetoing("pressure", "ramp"));
        var padding = string.Concat(Enumerable.Repeat("Thanks again for the lift. ", 60));
        var atLimit = Harmless + " " + padding[..(1_500 - Harmless.Length - 1)];
        var overLimit = atLimit + "!";
        Assert.Equal((1_500, 1_501), (atLimit.Length, overLimit.Length));

        Assert.DoesNotContain(analyzer.Analyze(atLimit, MessageKind.Request), f => f.RuleId == "pressure");
        Assert.Contains(analyzer.Analyze(overLimit, MessageKind.Request), f => f.RuleId == "pressure");
    }

    [Fact]
    public void A_word_said_again_counts_once_as_in_training()
    {
        var model = LearnedModel.Default;
        var once = new float[model.Rules.Count];
        var again = new float[model.Rules.Count];
        var spans = new (int, int)[model.Rules.Count];

        model.Score("Cover the bar on Saturday at 6. Let me know.", MessageKind.Request, once, spans);
        model.Score("Cover the bar on Saturday at 6. Let me know. Let me know. Let me know.", MessageKind.Request, again, spans);

        Assert.Equal(once, again);
    }

    [Fact]
    public void A_veto_set_on_a_trained_rule_is_the_veto_it_applies()
    {
        // The trainer sets each rule's veto after fitting it (a copy with the veto).
        var trained = new LearnedRule("pressure", -3, 1f) with { Veto = 0.003f };

        Assert.Equal(new LearnedRule("pressure", -3, 1f, 0.003f).LogitVeto, trained.LogitVeto);
        Assert.True(trained.LogitVeto > float.NegativeInfinity);
    }

    [Fact]
    public void The_model_adds_a_rule_where_the_words_lift_its_odds_not_where_its_prior_alone_is_high()
    {
        // A prior for a request of 5 (a bias of 3 and the request's own weight of 2; a probability of 0.99 before any
        // word), as a rule the corpus's writers were asked for could have: "lamp" lifts it by 0.5, short of the rule's
        // lift of 1, and "piano" by 2.
        var lamp = Features("lamp");
        var model = new LearnedModel([new LearnedRule("vague-favor", 3, 1f)], [lamp[0], lamp[1], Features("piano")[1]], [2, 0.5f, 2]);
        var analyzer = new PitfallAnalyzer(RuleCatalog.Default, model);

        Assert.DoesNotContain(analyzer.Analyze("Could you help me move the lamp on Saturday?", MessageKind.Request), f => f.RuleId == "vague-favor");
        Assert.Contains(analyzer.Analyze(Sentence, MessageKind.Request), f => f.RuleId == "vague-favor");
    }

    [Fact]
    public void In_a_long_text_the_model_adds_nothing()
    {
        var analyzer = new PitfallAnalyzer(RuleCatalog.Default, ModelRaising("vague-favor", "piano"));
        var document = string.Concat(Enumerable.Repeat("Thanks again for the lift to the station last week. ", 30)) + Sentence;

        Assert.Contains(analyzer.Analyze(Sentence, MessageKind.Request), f => f.RuleId == "vague-favor");
        Assert.DoesNotContain(analyzer.Analyze(document, MessageKind.Request), f => f.RuleId == "vague-favor");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_model_written_before_lifts_is_refused_with_a_word_to_train_it_again(int version)
    {
        // Formats 1 and 2 kept a probability threshold per rule, which a lift cannot be made from.
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(version);
        }

        stream.Position = 0;
        var refused = Assert.Throws<InvalidDataException>(() => LearnedModel.Read(stream));

        Assert.Contains("train it again", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-5f, float.NaN)]
    [InlineData(-5f, float.NegativeInfinity)]
    [InlineData(-5f, 0f)]
    [InlineData(-5f, -1f)]
    [InlineData(-5f, 1e-9f)]
    [InlineData(float.NegativeInfinity, 1f)]
    [InlineData(float.NaN, 1f)]
    public void A_model_file_whose_bias_is_not_finite_or_whose_lift_is_all_but_zero_is_refused_on_read(float bias, float lift)
    {
        var model = new LearnedModel([new LearnedRule("vague-favor", bias, lift)], [Features("piano")[1]], [10]);
        using var stream = new MemoryStream();
        model.Write(stream);
        stream.Position = 0;

        Assert.Throws<InvalidDataException>(() => LearnedModel.Read(stream));
    }

    [Fact]
    public void A_model_reads_back_exactly_as_written()
    {
        var model = ModelVetoing("vague-favor", "piano");
        using var stream = new MemoryStream();
        model.Write(stream);
        stream.Position = 0;

        var read = LearnedModel.Read(stream);

        Assert.Equal(model.Rules, read.Rules);
        Assert.Equal(model.Features, read.Features);
        Assert.Equal(model.Weight(0, 0), read.Weight(0, 0));
    }

    [Fact]
    public void Words_are_read_alike_in_any_case_and_with_either_apostrophe()
    {
        Assert.Equal(Features("You'll LOVE it"), Features("you’ll love it"));
        Assert.NotEqual(Features("love you"), Features("you love"));
    }

    [Fact]
    public void Every_finite_half_precision_weight_widens_to_exactly_the_float_a_conversion_gives()
    {
        var lanes = new uint[Vector256<uint>.Count];
        for (var bits = 0; bits <= ushort.MaxValue; bits += lanes.Length)
        {
            for (var lane = 0; lane < lanes.Length; lane++)
            {
                lanes[lane] = (uint)(bits + lane);
            }

            var widened = LearnedModel.ToSingle(Vector256.Create(lanes));
            for (var lane = 0; lane < lanes.Length; lane++)
            {
                var half = BitConverter.UInt16BitsToHalf((ushort)lanes[lane]);
                if (Half.IsFinite(half))
                {
                    Assert.Equal(BitConverter.SingleToUInt32Bits((float)half), BitConverter.SingleToUInt32Bits(widened[lane]));
                }
            }
        }
    }

    [Fact]
    public void A_weight_the_model_file_cannot_keep_exactly_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new LearnedModel([new LearnedRule("vague-favor", -5, 1f)], [Features("piano")[1]], [0.1f]));
    }

    /// <summary>A model that raises one rule whenever a word is in the message, and nothing else.</summary>
    private static LearnedModel ModelRaising(string ruleId, string word) =>
        new([new LearnedRule(ruleId, -5, 1f)], [Features(word)[1]], [10]);

    /// <summary>
    /// A model that adds nothing (an infinite lift, as the trainer stores a rule whose additions did not pay), and withdraws
    /// what one rule's patterns find in a message with a word.
    /// </summary>
    private static LearnedModel ModelVetoing(string ruleId, string word) =>
        new([new LearnedRule(ruleId, 0, float.PositiveInfinity, 0.01f)], [Features(word)[1]], [-20]);

    private static List<uint> Features(string text)
    {
        var features = new List<uint>();
        var reader = new FeatureReader(text, MessageKind.Request);
        while (reader.Next(out var feature))
        {
            features.Add(feature);
        }

        return features;
    }
}
