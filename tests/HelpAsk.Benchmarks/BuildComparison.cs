using System.Diagnostics;
using System.Linq.Expressions;
using System.Runtime.Loader;

namespace HelpAsk.Benchmarks;

/// <summary>
/// Compares two builds of HelpAsk.Core on one text, in one process: each build is loaded on its own and
/// their analyses alternate in short slices, so that the shared machine's slow and fast spells fall on
/// both alike. Separate runs of each build spread too widely here (10–40%) to show a 5% change. The
/// ratio still moves a little from process to process, as each compiles its own profile-guided code:
/// run it a few times and take the median.
/// </summary>
internal static class BuildComparison
{
    private const int Rounds = 30;
    private static readonly TimeSpan Slice = TimeSpan.FromMilliseconds(150);

    public static void Run(string before, string after, string text)
    {
        Analyzer[] analyzers = [Load(before), Load(after)];
        var (times, ratios) = Alternate([() => analyzers[0](text), () => analyzers[1](text)], Slice);
        Console.WriteLine(
            $"{text.Length:N0} characters: before {Median(times[0]):F1} µs, after {Median(times[1]):F1} µs; " +
            $"after/before {Median(ratios):F3} (middle half {ratios[ratios.Count / 4]:F3} to {ratios[3 * ratios.Count / 4]:F3})");
    }

    /// <summary>
    /// The two builds on many short messages in turn (a JSONL file's "text" and "kind"), what the command line's check of
    /// a file of messages does: per-message costs that one long text hides.
    /// </summary>
    public static void RunMessages(string before, string after, string jsonl)
    {
        var messages = File.ReadLines(jsonl).Where(l => l.Trim().Length > 0).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement)
            .Select(e => (Text: e.GetProperty("text").GetString()!, Thanks: e.TryGetProperty("kind", out var k) && k.GetString() == "thanks")).ToArray();
        KindAnalyzer[] analyzers = [LoadWithKind(before), LoadWithKind(after)];
        var (times, ratios) = Alternate(
            [.. analyzers.Select(analyze => (Action)(() =>
            {
                foreach (var (text, thanks) in messages)
                {
                    analyze(text, thanks);
                }
            }))],
            Slice);
        var characters = messages.Sum(m => m.Text.Length);
        Console.WriteLine(
            $"{messages.Length:N0} messages, {characters:N0} characters: before {Median(times[0]) / messages.Length:F2} µs, after {Median(times[1]) / messages.Length:F2} µs a message; " +
            $"after/before {Median(ratios):F3} (middle half {ratios[ratios.Count / 4]:F3} to {ratios[3 * ratios.Count / 4]:F3})");
    }

    /// <summary>The rule catalog's loading (parsing, compiling, indexing), what every start of the command line pays.</summary>
    public static void RunCatalogLoad(string before, string after)
    {
        Action[] loads = [CatalogLoad(before), CatalogLoad(after)];
        var (times, ratios) = Alternate(loads, TimeSpan.Zero);
        Console.WriteLine(
            $"catalog load: before {Median(times[0]) / 1000:F0} ms, after {Median(times[1]) / 1000:F0} ms; " +
            $"after/before {Median(ratios):F3} (middle half {ratios[ratios.Count / 4]:F3} to {ratios[3 * ratios.Count / 4]:F3})");
    }

    /// <summary>Each build's run in turn, each at least once and for a slice, for some rounds: µs per run, and the ratios per round.</summary>
    private static (List<double>[] Times, List<double> Ratios) Alternate(Action[] builds, TimeSpan slice)
    {
        foreach (var run in builds)
        {
            for (var warm = Stopwatch.StartNew(); warm.Elapsed.TotalSeconds < 1.5;)
            {
                run();
            }
        }

        var times = new[] { new List<double>(), new List<double>() };
        for (var round = 0; round < Rounds; round++)
        {
            for (var turn = 0; turn < 2; turn++)
            {
                // Each build goes first every other round.
                var build = round % 2 == 0 ? turn : 1 - turn;
                var runs = 0;
                var clock = Stopwatch.StartNew();
                do
                {
                    builds[build]();
                    runs++;
                }
                while (clock.Elapsed < slice);

                times[build].Add(clock.Elapsed.TotalMicroseconds / runs);
            }
        }

        return (times, times[1].Zip(times[0], (a, b) => a / b).Order().ToList());
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    /// <summary>The Analyze method of the PitfallAnalyzer in the HelpAsk.Core.dll of a build's output folder.</summary>
    private static Analyzer Load(string folder)
    {
        var (analyzer, analyze, kindType, optionsType) = AnalyzeMethod(folder);
        var text = Expression.Parameter(typeof(string));
        var call = Expression.Call(analyzer, analyze, text, Expression.Constant(Enum.Parse(kindType, "Request")), Expression.Constant(null, optionsType));
        return Expression.Lambda<Analyzer>(call, text).Compile();
    }

    /// <summary>Likewise, with the kind of message as a flag (thanks or request).</summary>
    private static KindAnalyzer LoadWithKind(string folder)
    {
        var (analyzer, analyze, kindType, optionsType) = AnalyzeMethod(folder);
        var (text, thanks) = (Expression.Parameter(typeof(string)), Expression.Parameter(typeof(bool)));
        var kind = Expression.Condition(thanks, Expression.Constant(Enum.Parse(kindType, "Thanks")), Expression.Constant(Enum.Parse(kindType, "Request")));
        var call = Expression.Call(analyzer, analyze, text, kind, Expression.Constant(null, optionsType));
        return Expression.Lambda<KindAnalyzer>(call, text, thanks).Compile();
    }

    /// <summary>A PitfallAnalyzer of a build's HelpAsk.Core.dll, its Analyze(string, MessageKind, AnalyzerOptions), and those two types.</summary>
    private static (ConstantExpression Analyzer, System.Reflection.MethodInfo Analyze, Type Kind, Type Options) AnalyzeMethod(string folder)
    {
        var assembly = LoadCore(folder, out var path);
        var analyzerType = assembly.GetType("HelpAsk.Core.Analysis.PitfallAnalyzer", throwOnError: true)!;
        var kindType = assembly.GetType("HelpAsk.Core.Analysis.MessageKind", throwOnError: true)!;
        var optionsType = assembly.GetType("HelpAsk.Core.Analysis.AnalyzerOptions", throwOnError: true)!;
        var analyze = analyzerType.GetMethod("Analyze", [typeof(string), kindType, optionsType])
            ?? throw new InvalidOperationException($"{path} has no PitfallAnalyzer.Analyze(string, MessageKind, AnalyzerOptions).");
        return (Expression.Constant(Activator.CreateInstance(analyzerType)), analyze, kindType, optionsType);
    }

    /// <summary>RuleCatalog.Load of the built-in catalog, in the HelpAsk.Core.dll of a build's output folder.</summary>
    private static Action CatalogLoad(string folder)
    {
        var catalogType = LoadCore(folder, out var path).GetType("HelpAsk.Core.Analysis.RuleCatalog", throwOnError: true)!;
        var open = catalogType.GetMethod("OpenBuiltIn") ?? throw new InvalidOperationException($"{path} has no RuleCatalog.OpenBuiltIn().");
        var load = catalogType.GetMethod("Load", [typeof(Stream)]) ?? throw new InvalidOperationException($"{path} has no RuleCatalog.Load(Stream).");
        var call = Expression.Call(load, Expression.Call(open));
        return Expression.Lambda<Action>(call).Compile();
    }

    private static System.Reflection.Assembly LoadCore(string folder, out string path)
    {
        path = Path.GetFullPath(Path.Combine(folder, "HelpAsk.Core.dll"));
        return new AssemblyLoadContext(path).LoadFromAssemblyPath(path);
    }

    private delegate object Analyzer(string text);

    private delegate object KindAnalyzer(string text, bool thanks);
}
