using BenchmarkDotNet.Attributes;
using HelpAsk.Core.Analysis;

namespace HelpAsk.Benchmarks;

/// <summary>
/// How long one analysis takes, and what it allocates, at keystroke, email and document size. A short
/// text analysed again and again is a best case: the processor learns its branches by heart. The
/// "different" benchmarks analyse 256 (or 25) distinct texts of the same size in turn, as a server
/// analysing many people's drafts does; they report the time per text.
/// </summary>
[MemoryDiagnoser]
public class AnalyzerBenchmarks
{
    private readonly PitfallAnalyzer analyzer = new();

    [GlobalSetup]
    public void WarmUp() => analyzer.Analyze(SampleTexts.Long, MessageKind.Request);

    [Benchmark(Description = "200-character request")]
    public int Short() => analyzer.Analyze(SampleTexts.Short, MessageKind.Request).Count;

    [Benchmark(Description = "2 KB request")]
    public int Medium() => analyzer.Analyze(SampleTexts.Medium, MessageKind.Request).Count;

    [Benchmark(Description = "200-character requests, 256 different", OperationsPerInvoke = 256)]
    public int ShortDifferent() => AnalyzeAll(SampleTexts.ShortSet);

    [Benchmark(Description = "2 KB requests, 25 different", OperationsPerInvoke = 25)]
    public int MediumDifferent() => AnalyzeAll(SampleTexts.MediumSet);

    [Benchmark(Description = "50 KB text")]
    public int Long() => analyzer.Analyze(SampleTexts.Long, MessageKind.Request).Count;

    private int AnalyzeAll(IReadOnlyList<string> texts)
    {
        var findings = 0;
        foreach (var text in texts)
        {
            findings += analyzer.Analyze(text, MessageKind.Request).Count;
        }

        return findings;
    }
}
