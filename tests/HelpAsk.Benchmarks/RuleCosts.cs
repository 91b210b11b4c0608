using System.Diagnostics;
using HelpAsk.Core.Analysis;
using HelpAsk.Core.Analysis.Engine;

namespace HelpAsk.Benchmarks;

/// <summary>
/// What each rule's patterns cost on a text: matching with that rule alone, less matching with none, in
/// rounds that alternate the rules so that slow spells of a shared machine fall on all of them alike.
/// </summary>
internal static class RuleCosts
{
    public static void Report(string text, int rounds = 15, int runs = 40)
    {
        var catalog = new PitfallAnalyzer().Catalog;
        var tokens = new List<Token>(16_384);
        Tokenizer.Tokenize(text, catalog.Vocabulary, tokens);
        var matches = new List<Match>(2_048);
        var count = catalog.Rules.Count;
        var sets = Enumerable.Range(-1, count + 1).Select(only => Enumerable.Range(0, count).Select(r => r == only).ToArray()).ToList();
        var times = sets.Select(_ => new List<double>()).ToList();
        for (var round = 0; round < rounds; round++)
        {
            for (var s = 0; s < sets.Count; s++)
            {
                var clock = Stopwatch.StartNew();
                for (var i = 0; i < runs; i++)
                {
                    matches.Clear();
                    catalog.Patterns.FindMatches(tokens, 0, tokens.Count, sets[s], matches);
                }

                times[s].Add(clock.Elapsed.TotalMicroseconds / runs);
            }
        }

        static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
        var none = Median(times[0]);
        Console.WriteLine($"{"no rule",-22} {none,8:F1} µs");
        for (var r = 0; r < count; r++)
        {
            Console.WriteLine($"{catalog.Rules[r].Description.Id,-22} {Median(times[r + 1]) - none,8:F1} µs more");
        }
    }
}
