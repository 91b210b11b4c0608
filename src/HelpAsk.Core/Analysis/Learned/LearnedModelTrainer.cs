using System.Globalization;

namespace HelpAsk.Core.Analysis.Learned;

/// <summary>
/// A labelled message to learn from: its text, its kind, and the rule ids it is labelled with; with
/// <paramref name="OnlyRule"/>, a message labelled for that one rule only (a catalog example), which teaches no other.
/// </summary>
public sealed record TrainingMessage(string Text, MessageKind Kind, IReadOnlySet<string> Labels, string? OnlyRule = null);

/// <summary>
/// Trains the <see cref="LearnedModel"/>: per rule, a logistic regression (stochastic gradient descent, L2, a fixed
/// order of messages, so the same messages always give the same model), then a lift chosen by 5-fold cross-validation on
/// those messages alone: how far the words of a message where the rule's patterns and harmless-use exceptions matched
/// nothing must raise the rule's log-odds above what the message's kind alone gives, for the model to add the rule; of
/// the <see cref="Lifts"/> whose additions are at least three and at least <see cref="AddedRightAtLeast"/> right, the
/// one at which the rule's cross-validated F1 (its patterns' findings and the model's additions) is highest, and none
/// where no such lift raises it. Then, for the pitfalls together, a veto from the same out-of-fold probabilities: the
/// highest of <see cref="Vetoes"/> under which the messages where a pitfall's patterns found it are wrong at least
/// <see cref="VetoedWrong"/> of the time, and at least three.
/// </summary>
public static class LearnedModelTrainer
{
    private const int Folds = 5;
    private const int Epochs = 30;
    private const double LearningRate = 0.1;
    // Chosen by the trainer's own cross-validation on the train part (session 14): pitfalls F1 0.933 at 1e-3, 0.934 at
    // 3e-3 and 1e-2; strengths 0.867 at 1e-3, 0.863 at 3e-3, 0.856 at 1e-2.
    private const double L2ForPitfall = 3e-3;
    private const double L2ForStrength = 1e-3;

    private const int AddedAtLeast = 3;

    // Withdrawing a finding raises F1 when it is wrong more often than 1 - F1/2 (a right one withdrawn costs a hit and
    // adds a miss, a wrong one only leaves): 0.53 at the cross-validated pitfall F1 of 0.94. 0.55 keeps a margin. On the
    // train part the rules' patterns were written against these very messages, so what they still get wrong there is
    // the hard, arguable part, and this estimate of a veto's worth is a cautious one.
    private const double VetoedWrong = 0.55;

    // Probabilities far below where the model adds a rule: where the words a rule's pattern matched sit in wording the
    // labelled messages teach is harmless ("you have to turn left at the church").
    private static readonly double[] Vetoes = [0.0005, 0.001, 0.002, 0.003, 0.005, 0.01, 0.02];
    private const int Seed = 20261128;

    // Weights this small change no decision; a feature whose every weight is smaller is left out, which keeps the
    // embedded model small. At 0.03 (session 20), the validation part and 1,800 fresh messages scored as at 0.001
    // (within 0.001), with a model 11% smaller. At 0.04 (session 21, trained on 14,807 messages) validation and 3,000
    // held-back messages scored as at 0.03, with 125,000 features (4.0 MB) instead of 132,000; the committed model
    // (22,847 messages, 0.04, session 22) has 162,000 features, 5.2 MB.
    private const float SmallestKept = 0.04f;

    // A lift's additions must be at least this often right: F1 alone keeps adding while an addition is right about half
    // the time, and the goal holds precision at 0.95. With wr25-gg22 in the train part, F1 alone took the validation
    // part's precision to 0.949 (F1 0.928); at 75% it was 0.952 (F1 0.929). On 700 fresh messages scored first-shot
    // (wr29-gg25): 0.903, against 0.901 for probability thresholds trained on the same messages (session 18).
    private const double AddedRightAtLeast = 0.75;

    // Lifts, not probabilities: the labelled corpus was written to show pitfalls, so its base rates are far above real
    // writing's, and a probability threshold low enough to find what the rules miss (0.20, where nearly every rule ended
    // in session 17) was reached by a request's prior alone ("Zork"). A lift asks what the words themselves say. Chosen
    // by F1 within the bar above: with a 65% bar and no F1, every lift went down to where its additions were 65% right and
    // the train part's cross-validated pitfall F1 fell from 0.931 to 0.917. Up to 7 log-odds: the highest chosen is 5.5.
    // Down to 1.0, for the first words typed (the gate's while-typing check), where a low lift shows pressure on words that
    // only begin a message: at 0.5 (session 20) its wrong findings there went from 361 (session 19's model) to 617 in
    // 21,769 prefixes; at 0.75, 376. Trained on 22,847 messages (session 22), pressure chose 0.75 again and had 778 wrong
    // in the validation part's 44,992 prefixes (1,161 of every pitfall's); at 1.0, 516 (899), its validation F1 0.908
    // (0.907 at 0.75).
    private static readonly double[] Lifts = [7.0, 6.0, 5.5, 5.0, 4.5, 4.0, 3.5, 3.0, 2.75, 2.5, 2.25, 2.0, 1.75, 1.5, 1.25, 1.0];

    /// <summary>The trained model, and what cross-validation measured, line by line.</summary>
    public static (LearnedModel Model, IReadOnlyList<string> Report) Train(IReadOnlyList<TrainingMessage> messages, RuleCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(catalog);
        // The catalog's own flagged and fine examples teach their rule too.
        messages = [.. messages, .. catalog.Descriptions.SelectMany(d =>
            d.FlaggedExamples.Select(e => new TrainingMessage(e, d.AppliesTo[0], new HashSet<string> { d.Id }, d.Id))
                .Concat(d.FineExamples.Select(e => new TrainingMessage(e, d.AppliesTo[0], new HashSet<string>(), d.Id))))];
        var rules = new PitfallAnalyzer(catalog, LearnedModel.None);
        var raised = messages.Select(m => rules.Analyze(m.Text, m.Kind).Select(f => f.RuleId).ToHashSet(StringComparer.Ordinal)).ToArray();
        var mayAdd = messages.Select(m => rules.WhereTheModelMayAdd(m.Text, m.Kind)).ToArray();
        var (features, vocabulary) = Featurize(messages);
        // Each kind's feature row, negative where no message of that kind was given.
        var kindRows = new[] { MessageKind.Request, MessageKind.Thanks }.ToDictionary(k => k, k => Array.BinarySearch(vocabulary, new FeatureReader([], k).KindFeature));
        var report = new List<string>();
        var kept = new List<(LearnedRule Rule, double[] Weights)>();
        var cross = new Dictionary<string, (int Rules, int Added, int AddedRight, int Labelled, int RulesRight)>(StringComparer.Ordinal);
        var outOfFold = new Dictionary<string, OutOfFold>(StringComparer.Ordinal);

        foreach (var description in catalog.Descriptions)
        {
            var id = description.Id;
            var index = catalog.ById[id];
            var applies = Enumerable.Range(0, messages.Count)
                .Where(i => catalog.Rules[index].AppliesTo(messages[i].Kind) && (messages[i].OnlyRule is null || messages[i].OnlyRule == id))
                .ToArray();
            var labels = messages.Select(m => m.Labels.Contains(id)).ToArray();
            var l2 = description.Kind == FindingKind.Strength ? L2ForStrength : L2ForPitfall;

            // Out-of-fold probabilities and lifts: each message scored by a model that never saw it.
            var probability = new double[messages.Count];
            var lift = new double[messages.Count];
            for (var fold = 0; fold < Folds; fold++)
            {
                var (weights, bias) = Fit(features, labels, [.. applies.Where(i => i % Folds != fold)], vocabulary.Length, l2);
                foreach (var i in applies.Where(i => i % Folds == fold))
                {
                    var z = bias + features[i].Sum(f => weights[f]);
                    probability[i] = Sigmoid(z);
                    lift[i] = z - bias - (kindRows[messages[i].Kind] is var kindRow and >= 0 ? weights[kindRow] : 0);
                }
            }

            var rulesRaised = applies.Count(i => raised[i].Contains(id));
            var rulesRight = applies.Count(i => raised[i].Contains(id) && labels[i]);
            var labelled = labels.Count(l => l);
            // What the model would add at each lift, where the analyzer lets it add: worked out once a lift.
            var addedByLift = Lifts.ToDictionary(l => l, l => applies.Where(i => mayAdd[i].AddsHere && !mayAdd[i].RulesThatLooked.Contains(id) && lift[i] >= l).ToList());
            double F1(List<int> added) => 2.0 * (rulesRight + added.Count(i => labels[i])) / (rulesRaised + added.Count + labelled);
            var mostlyRight = Lifts.Where(l => addedByLift[l] is var added && added.Count >= AddedAtLeast && added.Count(i => labels[i]) >= AddedRightAtLeast * added.Count).ToList();
            double? chosen = mostlyRight.Count > 0 && mostlyRight.MaxBy(l => F1(addedByLift[l])) is var best && F1(addedByLift[best]) > F1([]) ? best : null;
            var addedAt = chosen is { } picked ? addedByLift[picked] : [];
            cross[id] = (rulesRaised, addedAt.Count, addedAt.Count(i => labels[i]), labelled, rulesRight);
            report.Add(chosen is { } c
                ? $"{id}: lift {c.ToString("0.00", CultureInfo.InvariantCulture)}, adds {addedAt.Count(i => labels[i])} right of {addedAt.Count} in cross-validation"
                : $"{id}: adds nothing (no lift adds {AddedAtLeast} or more at {AddedRightAtLeast * 100:0}% right and raises its cross-validated F1)");
            var (all, allBias) = Fit(features, labels, applies, vocabulary.Length, l2);
            kept.Add((new LearnedRule(id, (float)allBias, chosen is { } l ? (float)l : float.PositiveInfinity), all));
            outOfFold[id] = new OutOfFold(probability, labels, [.. applies.Where(i => raised[i].Contains(id))]);
        }

        // Pitfalls only: a strength withdrawn is praise the writer earned and does not see, and the constructions' own
        // examples of impact and in-group ("Your donation will buy school books for twenty kids") were withdrawn by one.
        var pitfalls = catalog.Descriptions.Where(d => d.Kind == FindingKind.Pitfall && outOfFold.ContainsKey(d.Id)).Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        var vetoed = new Dictionary<string, (int Right, int Wrong)>(StringComparer.Ordinal);
        if (ChooseVeto(pitfalls, outOfFold) is { } veto)
        {
            var (right, wrong) = Withdrawn(pitfalls, outOfFold, veto);
            report.Add(string.Create(CultureInfo.InvariantCulture, $"Pitfall veto: below {veto:0.####}, withdraws {wrong} wrong and {right} right of the rules' findings in cross-validation"));
            kept = [.. kept.Select(k => pitfalls.Contains(k.Rule.Id) ? (k.Rule with { Veto = (float)veto }, k.Weights) : k)];
            foreach (var id in pitfalls)
            {
                vetoed[id] = Withdrawn([id], outOfFold, veto);
            }
        }
        else
        {
            report.Add($"Pitfall veto: none (no probability withdraws {AddedAtLeast} or more at {VetoedWrong * 100:0}% wrong)");
        }

        report.AddRange(CrossValidated(catalog, cross, vetoed));
        return (Assemble(kept, vocabulary, features), report);
    }

    /// <summary>A rule's out-of-fold probability for every message, its labels, and the messages its patterns raised it in.</summary>
    private sealed record OutOfFold(double[] Probability, bool[] Labels, int[] Raised);

    /// <summary>The highest of <see cref="Vetoes"/> under which what the rules raised is mostly wrong, and at least three.</summary>
    private static double? ChooseVeto(IReadOnlySet<string> ids, Dictionary<string, OutOfFold> outOfFold) =>
        Vetoes.Reverse().Cast<double?>().FirstOrDefault(v =>
        {
            var (right, wrong) = Withdrawn(ids, outOfFold, v!.Value);
            return right + wrong >= AddedAtLeast && wrong >= VetoedWrong * (right + wrong);
        });

    /// <summary>How many of the rules' own findings, right and wrong, a veto at <paramref name="veto"/> withdraws out of fold.</summary>
    private static (int Right, int Wrong) Withdrawn(IEnumerable<string> ids, Dictionary<string, OutOfFold> outOfFold, double veto)
    {
        var (right, wrong) = (0, 0);
        foreach (var id in ids)
        {
            var (probability, labels, raised) = outOfFold[id];
            foreach (var i in raised.Where(i => probability[i] < veto))
            {
                (right, wrong) = labels[i] ? (right + 1, wrong) : (right, wrong + 1);
            }
        }

        return (right, wrong);
    }

    /// <summary>
    /// Each message's distinct features as rows of one sorted vocabulary: a word said twice is one feature, here as in
    /// the analyzer (<see cref="LearnedModel"/>'s pass counts each once too).
    /// </summary>
    private static (int[][] Features, uint[] Vocabulary) Featurize(IReadOnlyList<TrainingMessage> messages)
    {
        var hashes = messages.Select(m =>
        {
            var set = new SortedSet<uint>();
            var reader = new FeatureReader(m.Text, m.Kind);
            while (reader.Next(out var feature))
            {
                set.Add(feature);
            }

            return set;
        }).ToArray();
        var vocabulary = hashes.SelectMany(h => h).Distinct().Order().ToArray();
        var row = vocabulary.Select((hash, i) => (hash, i)).ToDictionary(p => p.hash, p => p.i);
        return ([.. hashes.Select(h => h.Select(f => row[f]).ToArray())], vocabulary);
    }

    private static (double[] Weights, double Bias) Fit(int[][] features, bool[] labels, int[] messages, int featureCount, double l2)
    {
        var weights = new double[featureCount];
        var bias = 0.0;
        var order = messages.ToArray();
        var random = new Random(Seed);
        for (var epoch = 0; epoch < Epochs; epoch++)
        {
            random.Shuffle(order);
            foreach (var i in order)
            {
                var z = bias;
                foreach (var f in features[i])
                {
                    z += weights[f];
                }

                var gradient = Sigmoid(z) - (labels[i] ? 1 : 0);
                bias -= LearningRate * gradient;
                foreach (var f in features[i])
                {
                    weights[f] -= LearningRate * (gradient + (l2 * weights[f]));
                }
            }
        }

        return (weights, bias);
    }

    /// <summary>
    /// The model from the kept rules' weights: a row for each feature some rule weighs, the features the messages have most
    /// often first (ties in hash order), so that the rows nearly every message reads lie together in a few hundred
    /// kilobytes at the table's start and take their home slots, rather than one apiece among megabytes of rare ones.
    /// </summary>
    private static LearnedModel Assemble(List<(LearnedRule Rule, double[] Weights)> kept, uint[] vocabulary, int[][] features)
    {
        var messagesWith = new int[vocabulary.Length];
        foreach (var f in features.SelectMany(message => message))
        {
            messagesWith[f]++;
        }

        var rows = Enumerable.Range(0, vocabulary.Length)
            .Where(f => kept.Any(k => Math.Abs((float)(Half)k.Weights[f]) >= SmallestKept))
            .OrderByDescending(f => messagesWith[f])
            .ThenBy(f => f)
            .ToArray();
        var weights = new float[rows.Length * kept.Count];
        for (var r = 0; r < rows.Length; r++)
        {
            for (var k = 0; k < kept.Count; k++)
            {
                weights[(r * kept.Count) + k] = (float)(Half)kept[k].Weights[rows[r]];
            }
        }

        return new LearnedModel([.. kept.Select(k => k.Rule)], [.. rows.Select(r => vocabulary[r])], weights);
    }

    private static IEnumerable<string> CrossValidated(
        RuleCatalog catalog, Dictionary<string, (int Rules, int Added, int AddedRight, int Labelled, int RulesRight)> cross, Dictionary<string, (int Right, int Wrong)> vetoed)
    {
        foreach (var kind in new[] { FindingKind.Pitfall, FindingKind.Strength })
        {
            var ids = catalog.Descriptions.Where(d => d.Kind == kind).Select(d => d.Id).ToList();
            var (raisedByRules, right, labelled, added, addedRight, withdrawnRight, withdrawn) = (0, 0, 0, 0, 0, 0, 0);
            foreach (var id in ids)
            {
                var c = cross[id];
                var v = vetoed.GetValueOrDefault(id);
                (raisedByRules, right, labelled, added, addedRight) = (raisedByRules + c.Rules, right + c.RulesRight, labelled + c.Labelled, added + c.Added, addedRight + c.AddedRight);
                (withdrawnRight, withdrawn) = (withdrawnRight + v.Right, withdrawn + v.Right + v.Wrong);
            }

            yield return $"{kind} (cross-validated): rules alone {Figures(right, raisedByRules, labelled)}; rules and model {Figures(right + addedRight - withdrawnRight, raisedByRules + added - withdrawn, labelled)}";
        }
    }

    private static string Figures(int right, int raised, int labelled)
    {
        var precision = raised == 0 ? 1 : (double)right / raised;
        var recall = labelled == 0 ? 1 : (double)right / labelled;
        var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return string.Create(CultureInfo.InvariantCulture, $"P {precision:0.000} / R {recall:0.000} / F1 {f1:0.000}");
    }

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
}
