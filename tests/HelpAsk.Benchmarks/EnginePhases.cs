using System.Diagnostics;
using HelpAsk.Core.Analysis;
using HelpAsk.Core.Analysis.Engine;

namespace HelpAsk.Benchmarks;

/// <summary>A rough split of one analysis into its phases, timed with a stopwatch over many runs.</summary>
internal static class EnginePhases
{
    public static void Report(string text, int runs = 2_000)
    {
        var analyzer = new PitfallAnalyzer();
        var catalog = analyzer.Catalog;
        var tokens = new List<Token>(16_384);
        var matches = new List<Match>(2_048);
        var enabled = Enumerable.Repeat(true, catalog.Rules.Count).ToArray();

        var patterns = catalog.AllPatterns;
        var wordSets = patterns.SelectMany(p => p.Steps).Select(s => string.Join(',', s.Ids)).Distinct().ToList();
        Console.WriteLine($"{patterns.Count:N0} compiled patterns ({patterns.Sum(p => p.Steps.Length):N0} steps, {wordSets.Count:N0} distinct word sets)");
        Time("tokenize", runs, () =>
        {
            tokens.Clear();
            Tokenizer.Tokenize(text, catalog.Vocabulary, tokens);
        });
        var sink = 0L;
        Time("read words only", runs, () =>
        {
            var span = text.AsSpan();
            var i = 0;
            while (i < span.Length)
            {
                if (char.IsLetterOrDigit(span[i]))
                {
                    i = catalog.Vocabulary.Table.ReadWord(span, i, out var ids);
                    sink += ids.Count;
                }
                else
                {
                    i++;
                }
            }
        });
        Time("read tokens", runs, () =>
        {
            foreach (var token in System.Runtime.InteropServices.CollectionsMarshal.AsSpan(tokens))
            {
                sink += token.Id;
            }
        });
        var noRules = new bool[catalog.Rules.Count];
        Time("walk, no rules", runs, () =>
        {
            matches.Clear();
            catalog.Patterns.FindMatches(tokens, 0, tokens.Count, noRules, matches);
        });
        Time("match patterns", runs, () =>
        {
            matches.Clear();
            catalog.Patterns.FindMatches(tokens, 0, tokens.Count, enabled, matches);
        });
        // Apart, each phase runs faster than inside an analysis: repeating one loop lets the processor
        // learn its branches, and neither evicts the other's tables from the cache.
        Time("tokenize + match", runs, () =>
        {
            tokens.Clear();
            Tokenizer.Tokenize(text, catalog.Vocabulary, tokens);
            matches.Clear();
            catalog.Patterns.FindMatches(tokens, 0, tokens.Count, enabled, matches);
        });
        var matched = analyzer.FindMatches(text, analyzer.EnabledRules(MessageKind.Request, AnalyzerOptions.Default));
        Time("findings", runs, () => analyzer.Report(text, MessageKind.Request, AnalyzerOptions.Default, matched, [], []));
        Time("whole analysis", runs, () => analyzer.Analyze(text, MessageKind.Request));
        Console.WriteLine(sink == 42 ? "" : $"vocabulary {catalog.Vocabulary.Count:N0} words, {catalog.Vocabulary.Table.FormCount:N0} word forms");
        Console.WriteLine($"{text.Length:N0} chars, {tokens.Count:N0} tokens, {matches.Count:N0} matches, {analyzer.Analyze(text, MessageKind.Request).Count:N0} findings");
    }

    private static void Time(string phase, int runs, Action run)
    {
        // Long enough for the JIT to finish optimizing what the phase runs (tiering waits 100 ms and more).
        for (var warm = Stopwatch.StartNew(); warm.Elapsed.TotalMilliseconds < 500;)
        {
            run();
        }

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < runs; i++)
        {
            run();
        }

        Console.WriteLine($"{phase,-16} {clock.Elapsed.TotalMicroseconds / runs,8:F1} µs");
    }
}
