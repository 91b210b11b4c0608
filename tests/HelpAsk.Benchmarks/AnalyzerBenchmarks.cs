using BenchmarkDotNet.Attributes;
using HelpAsk.Core.Analysis;

namespace HelpAsk.Benchmarks;

/// <summary>How long one analysis takes, and what it allocates, at keystroke, email and document size.</summary>
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

    [Benchmark(Description = "50 KB text")]
    public int Long() => analyzer.Analyze(SampleTexts.Long, MessageKind.Request).Count;
}
