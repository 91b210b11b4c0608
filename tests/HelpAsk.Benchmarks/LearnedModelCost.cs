using System.Diagnostics;
using HelpAsk.Core.Analysis;
using HelpAsk.Core.Analysis.Learned;

namespace HelpAsk.Benchmarks;

/// <summary>What the learned model's pass costs apart from the rules: reading the features, then reading and scoring.</summary>
internal static class LearnedModelCost
{
    public static void Report()
    {
        var model = LearnedModel.Default;
        var logits = new float[model.Rules.Count];
        var spans = new (int, int)[model.Rules.Count];
        foreach (var (name, text, runs) in new[] { ("200 B", SampleTexts.Short, 200_000), ("2 KB", SampleTexts.Medium, 20_000), ("50 KB", SampleTexts.Long, 1_000) })
        {
            var read = Time(runs, () =>
            {
                // A word and its pair at a time, as Score reads them.
                var reader = new FeatureReader(text, MessageKind.Request);
                var sum = reader.KindFeature;
                while (reader.NextWord(out var word, out var pair, out _))
                {
                    sum += word + pair;
                }

                return sum;
            });
            var scored = Time(runs, () =>
            {
                model.Score(text, MessageKind.Request, logits, spans);
                return (uint)logits[0];
            });
            Console.WriteLine($"{name}: reading the features {read:F2} µs, reading and scoring {scored:F2} µs (processor time per text)");
        }
    }

    private static double Time(int runs, Func<uint> pass)
    {
        pass();
        var processor = Process.GetCurrentProcess().TotalProcessorTime;
        var sink = 0u;
        for (var i = 0; i < runs; i++)
        {
            sink ^= pass();
        }

        GC.KeepAlive(sink);
        return (Process.GetCurrentProcess().TotalProcessorTime - processor).TotalMicroseconds / runs;
    }
}
