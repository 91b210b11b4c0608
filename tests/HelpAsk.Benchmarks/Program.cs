using System.Diagnostics;
using BenchmarkDotNet.Running;
using HelpAsk.Benchmarks;
using HelpAsk.Core.Analysis;

// "export DIR": writes the benchmark texts, so other tools can be timed on the very same input.
if (args is ["export", var folder])
{
    Directory.CreateDirectory(folder);
    File.WriteAllText(Path.Combine(folder, "short.txt"), SampleTexts.Short);
    File.WriteAllText(Path.Combine(folder, "medium.txt"), SampleTexts.Medium);
    File.WriteAllText(Path.Combine(folder, "long.txt"), SampleTexts.Long);
    return;
}

// "quick": a rough Stopwatch figure, for iterating; anything else goes to BenchmarkDotNet.
if (args is ["quick"] or ["quick", "--rules-alone"])
{
    // --rules-alone: without the learned model, to see what it adds.
    var analyzer = args.Length == 2 ? new PitfallAnalyzer(RuleCatalog.Default) : new PitfallAnalyzer();
    foreach (var (name, text, runs) in new[] { ("200 B", SampleTexts.Short, 200_000), ("2 KB", SampleTexts.Medium, 20_000), ("50 KB", SampleTexts.Long, 1_000) })
    {
        analyzer.Analyze(text, MessageKind.Request);
        var clock = Stopwatch.StartNew();
        var processor = Process.GetCurrentProcess().TotalProcessorTime;
        for (var i = 0; i < runs; i++)
        {
            analyzer.Analyze(text, MessageKind.Request);
        }

        // Processor time too: on a busy shared machine it moves far less than the elapsed time.
        var perRun = clock.Elapsed.TotalMicroseconds / runs;
        var processorPerRun = (Process.GetCurrentProcess().TotalProcessorTime - processor).TotalMicroseconds / runs;
        Console.WriteLine($"{name}: {perRun:F2} µs per analysis, {text.Length / perRun:F1} MB/s; processor {processorPerRun:F2} µs, {text.Length / processorPerRun:F1} MB/s");
    }

    return;
}

// "model": the learned model's own pass on each text (reading the features alone, then scoring), processor time.
if (args is ["model"])
{
    LearnedModelCost.Report();
    return;
}

// "rules": what each rule's patterns add to matching the 50 KB text, for keeping the catalog cheap.
if (args is ["rules"])
{
    RuleCosts.Report(SampleTexts.Long);
    return;
}

// "catalogs FILE...": rule catalogs side by side on the 50 KB text, for finding the patterns that cost.
if (args is ["catalogs", ..])
{
    CatalogComparison.Report(SampleTexts.Long, args[1..]);
    return;
}

// "phases": where the time of one 50 KB analysis goes (tokenizing, matching, the rest), for work on the engine.
if (args is ["phases"])
{
    EnginePhases.Report(SampleTexts.Long);
    return;
}

// "compare BEFORE AFTER [CHARACTERS]": two builds of HelpAsk.Core (output folders of
// `dotnet build src/HelpAsk.Core -c Release -o FOLDER`) on the 50 KB text, or its first CHARACTERS.
if (args is ["compare", var before, var after, ..] && args.Length <= 4)
{
    var length = args.Length == 4 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : SampleTexts.Long.Length;
    BuildComparison.Run(before, after, SampleTexts.Long[..Math.Min(length, SampleTexts.Long.Length)]);
    return;
}

// "compare-messages BEFORE AFTER FILE": the two builds on every message of a JSONL file ("text", "kind") in turn.
if (args is ["compare-messages", var messagesBefore, var messagesAfter, var messagesFile])
{
    BuildComparison.RunMessages(messagesBefore, messagesAfter, messagesFile);
    return;
}

// "compare-load BEFORE AFTER": the two builds' catalog loading (what every start of the command line pays), alternated.
if (args is ["compare-load", var loadBefore, var loadAfter])
{
    BuildComparison.RunCatalogLoad(loadBefore, loadAfter);
    return;
}

// "scale --provider P --connection C [--accounts 200 --requests 2500]": seeds a new database with many accounts, and
// prints the plans and median times of the dashboard's and the requests list's queries for one of them.
if (args is ["scale", ..])
{
    await ScaleFigures.RunAsync(args[1..]);
    return;
}

// "load --provider P [--connection C] [--connections 16 --seconds 20]": wrk against the answer and sign-in pages of the
// Release app started in Production (scripts/load-figures.sh runs it for both providers).
if (args is ["load", ..])
{
    await LoadFigures.RunAsync(args[1..]);
    return;
}

// "keystrokes": the server's processor time and allocation per composer keystroke (KeystrokeBenchmarks).
if (args is ["keystrokes"])
{
    KeystrokeBenchmarks.Report();
    return;
}

// "loop SECONDS": analyses the 50 KB text over and over, for a sampling profiler (dotnet-trace) to attach to.
if (args is ["loop", var seconds])
{
    var analyzer = new PitfallAnalyzer();
    var clock = Stopwatch.StartNew();
    var runs = 0;
    while (clock.Elapsed.TotalSeconds < double.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture))
    {
        analyzer.Analyze(SampleTexts.Long, MessageKind.Request);
        runs++;
    }

    Console.WriteLine($"{runs:N0} analyses, {clock.Elapsed.TotalMicroseconds / runs:F1} µs each");
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(AnalyzerBenchmarks).Assembly).Run(args);
