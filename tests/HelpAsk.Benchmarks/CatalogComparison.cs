using System.Diagnostics;
using HelpAsk.Core.Analysis;

namespace HelpAsk.Benchmarks;

/// <summary>
/// Several rule catalogs (JSON files in the catalog's format) analysing the same text in one process, in
/// alternating slices, so that a shared machine's slow spells fall on all of them alike: which patterns cost.
/// </summary>
internal static class CatalogComparison
{
    public static void Report(string text, IReadOnlyList<string> paths, int rounds = 20, int runs = 20)
    {
        var analyzers = paths.Select(p =>
        {
            using var stream = File.OpenRead(p);
            return new PitfallAnalyzer(RuleCatalog.Load(stream));
        }).ToList();
        var times = analyzers.Select(_ => new List<double>()).ToList();
        for (var warm = Stopwatch.StartNew(); warm.Elapsed.TotalMilliseconds < 1000;)
        {
            analyzers.ForEach(a => a.Analyze(text, MessageKind.Request));
        }

        for (var round = 0; round < rounds; round++)
        {
            for (var i = 0; i < analyzers.Count; i++)
            {
                var clock = Stopwatch.StartNew();
                for (var run = 0; run < runs; run++)
                {
                    analyzers[i].Analyze(text, MessageKind.Request);
                }

                times[i].Add(clock.Elapsed.TotalMicroseconds / runs);
            }
        }

        for (var i = 0; i < analyzers.Count; i++)
        {
            var median = times[i].Order().ElementAt(times[i].Count / 2);
            Console.WriteLine($"{median,8:F1} µs  {analyzers[i].Catalog.Rules.Count} rules  {paths[i]}");
        }
    }
}
