using System.IO.Compression;
using System.Text;
using System.Text.Json;
using HelpAsk.Core.Analysis;

namespace HelpAsk.Core.Tests.Analysis;

/// <summary>
/// Work on the matching engine must not change a single finding. The snapshot holds a copy of the rule
/// catalog and, for every labelled message of this project (as request and as thank-you note, upper-cased,
/// with the other apostrophe style) and the benchmarks' 50 KB text, the findings the engine gave before the
/// speed work of issue 15, serialised in full. Both the catalog and the texts are frozen copies, so the
/// accuracy work on the live catalog and corpus never touches this test: it pins the engine alone.
/// </summary>
public sealed class EngineSnapshotTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Analysis", "EngineSnapshot");

    [Fact]
    public void Every_snapshot_text_gets_byte_for_byte_the_findings_it_got_before_the_engine_work()
    {
        var analyzer = new PitfallAnalyzer(LoadCatalog());
        var cases = ReadLines("findings.jsonl.gz").Select(line => JsonSerializer.Deserialize<SnapshotCase>(line)!).ToList();
        Assert.True(cases.Count > 5_000, $"{cases.Count} cases");
        Assert.Contains(cases, c => c.Text.Length >= 50 * 1024);

        var differences = cases
            .Select(c => (Case: c, Now: Serialize(analyzer.Analyze(c.Text, c.Kind), analyzer.Catalog)))
            .Where(x => x.Now != x.Case.Findings)
            .Select(x => $"{x.Case.Kind} \"{Shorten(x.Case.Text)}\"\n  before: {Shorten(x.Case.Findings)}\n  now:    {Shorten(x.Now)}")
            .ToList();

        Assert.True(differences.Count == 0, $"{differences.Count} of {cases.Count} texts differ:\n{string.Join('\n', differences.Take(10))}");
    }

    /// <summary>
    /// Writes the snapshot from the live catalog and corpus with the engine of the current build. Run once, on
    /// the build before an engine change: <c>HELPASK_WRITE_ENGINE_SNAPSHOT=path/to/EngineSnapshot dotnet test …</c>.
    /// </summary>
    [Fact]
    public void The_snapshot_is_written_from_the_current_build_only_when_asked()
    {
        var target = Environment.GetEnvironmentVariable("HELPASK_WRITE_ENGINE_SNAPSHOT");
        if (string.IsNullOrEmpty(target))
        {
            Assert.True(File.Exists(Path.Combine(Folder, "findings.jsonl.gz")), "the snapshot is missing from the test output");
            return;
        }

        Directory.CreateDirectory(target);
        using (var catalog = RuleCatalog.OpenBuiltIn())
        {
            WriteCompressed(Path.Combine(target, "rules.json.gz"), catalog);
        }

        // The rules alone: the snapshot guards the engine, and the learned model is checked by LearnedModelTests.
        var analyzer = new PitfallAnalyzer(RuleCatalog.Default);
        var corpus = Path.Combine(AppContext.BaseDirectory, "Analysis");
        var files = new[] { Path.Combine(corpus, "labelled-messages.jsonl") }
            .Concat(Directory.GetFiles(Path.Combine(corpus, "Corpus"), "*.jsonl", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
        var messages = CorpusScore.Load([.. files]);
        var lines = new List<string>();
        foreach (var message in messages)
        {
            var other = message.MessageKind == MessageKind.Request ? MessageKind.Thanks : MessageKind.Request;
            foreach (var (text, kind) in new[] { (message.Text, message.MessageKind), (message.Text, other), (message.Text.ToUpperInvariant(), message.MessageKind), (SwapApostrophes(message.Text), message.MessageKind) })
            {
                lines.Add(JsonSerializer.Serialize(new SnapshotCase(kind, text, Serialize(analyzer.Analyze(text, kind), analyzer.Catalog))));
            }
        }

        // The benchmarks' 50 KB text: the labelled messages one after another, as one request.
        var builder = new StringBuilder();
        for (var i = 0; builder.Length < 50 * 1024; i++)
        {
            builder.Append(messages[i % messages.Count].Text).Append("\n\n");
        }

        var longText = builder.ToString(0, 50 * 1024);
        lines.Add(JsonSerializer.Serialize(new SnapshotCase(MessageKind.Request, longText, Serialize(analyzer.Analyze(longText, MessageKind.Request), analyzer.Catalog))));
        using var findings = new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n"));
        WriteCompressed(Path.Combine(target, "findings.jsonl.gz"), findings);
    }

    private static RuleCatalog LoadCatalog()
    {
        using var file = File.OpenRead(Path.Combine(Folder, "rules.json.gz"));
        using var json = new GZipStream(file, CompressionMode.Decompress);
        return RuleCatalog.Load(json);
    }

    private static IEnumerable<string> ReadLines(string name)
    {
        using var file = File.OpenRead(Path.Combine(Folder, name));
        using var reader = new StreamReader(new GZipStream(file, CompressionMode.Decompress), Encoding.UTF8);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                yield return line;
            }
        }
    }

    private static void WriteCompressed(string path, Stream content)
    {
        using var file = File.Create(path);
        using var zip = new GZipStream(file, CompressionLevel.SmallestSize);
        content.CopyTo(zip);
    }

    // Every field of every finding; a finding's message and explanation are its rule's, so they stand as its rule id.
    private static string Serialize(IReadOnlyList<PitfallFinding> findings, RuleCatalog catalog)
    {
        var descriptions = catalog.Descriptions.ToDictionary(d => d.Id);
        return JsonSerializer.Serialize(findings.Select(f => new object[]
        {
            f.RuleId, f.Kind, f.Severity, f.Start, f.Length, f.Text,
            f.Message == descriptions[f.RuleId].Message && f.Why == descriptions[f.RuleId].Why ? "" : $"{f.Message} {f.Why}",
            f.Suggestions.Select(s => $"{s.Replacement}|{s.Label}"),
        }));
    }

    private static string SwapApostrophes(string text) => string.Create(text.Length, text, static (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            span[i] = source[i] switch { '\'' => '’', '’' => '\'', var c => c };
        }
    });

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";

    private sealed record SnapshotCase(MessageKind Kind, string Text, string Findings);
}
