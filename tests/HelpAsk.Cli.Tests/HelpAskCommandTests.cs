using System.Text;
using System.Text.Json;

namespace HelpAsk.Cli.Tests;

public sealed class HelpAskCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("helpask-cli-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private sealed record Run(int ExitCode, string Output, string Errors);

    private static async Task<Run> RunAsync(string stdin, params string[] args)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var outputStream = new MemoryStream();
        var code = await HelpAskCommand.RunAsync(
            args, new StringReader(stdin), new MemoryStream(Encoding.UTF8.GetBytes(stdin)), output, outputStream, errors);
        var text = output.ToString() + Encoding.UTF8.GetString(outputStream.ToArray());
        return new Run(code, text, errors.ToString());
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public async Task A_file_with_a_pitfall_gets_compiler_style_lines_and_exit_code_1()
    {
        var path = Write("ask.txt", "Hi Sam,\nCould you help me move? It won't take long.");

        var run = await RunAsync("", "check", path);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{path}:2:28  suggestion  downplaying  This makes the job sound smaller than it is. (\"won't take long\")", run.Output, StringComparison.Ordinal);
        Assert.Contains("    suggestion: Remove it and give an honest estimate", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_clean_file_exits_0_even_with_strengths()
    {
        var path = Write("ask.txt", "Hi Sam, as fellow runners, could you pace me on Sunday? About two hours.");

        var run = await RunAsync("", "check", path);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("strength  in-group", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Several_files_are_checked_in_turn()
    {
        var clean = Write("a.txt", "Could you water the plants on Sunday?");
        var pitfall = Write("b.txt", "You owe me.");

        var run = await RunAsync("", "check", clean, pitfall);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("b.txt:1:1", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("a.txt", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Thanks_mode_applies_the_thanks_rules()
    {
        var path = Write("thanks.txt", "Thanks! I'm so relieved, now I can finally relax.");

        Assert.Contains("about-me-thanks", (await RunAsync("", "check", path, "--kind", "thanks")).Output, StringComparison.Ordinal);
        Assert.DoesNotContain("about-me-thanks", (await RunAsync("", "check", path)).Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Standard_input_is_read_when_no_file_or_a_dash_is_given()
    {
        Assert.Equal(1, (await RunAsync("You owe me.", "check")).ExitCode);
        var run = await RunAsync("You owe me.", "check", "-");
        Assert.Contains("<stdin>:1:1", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreadable_file_is_a_clear_usage_error_without_a_stack_trace()
    {
        var run = await RunAsync("", "check", Path.Combine(folder, "missing.txt"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("helpask: cannot read", run.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("check", "--kind", "email")]
    [InlineData("check", "--format", "xml")]
    [InlineData("frobnicate")]
    [InlineData("check", "--no-such-option")]
    public async Task Bad_usage_exits_2_with_a_message(params string[] args)
    {
        var run = await RunAsync("", args);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("helpask:", run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Jsonl_mode_writes_one_line_per_input_in_order()
    {
        var input = """
            {"id": "a", "kind": "request", "text": "Hi all! Can anyone help?"}
            {"id": 2, "kind": "thanks", "text": "Thank you for the soup."}
            {"id": "c", "text": "Could you do me a favor? Call me."}
            """;

        var run = await RunAsync(input, "check", "--format", "jsonl", "-");

        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(3, lines.Count);
        Assert.Equal("a", lines[0].GetProperty("id").GetString());
        Assert.Equal(2, lines[1].GetProperty("id").GetInt32());
        Assert.Equal(0, lines[1].GetProperty("findings").GetArrayLength());
        var first = lines[0].GetProperty("findings")[0];
        Assert.Equal("group-ask", first.GetProperty("rule").GetString());
        Assert.Equal("pitfall", first.GetProperty("kind").GetString());
        Assert.Equal("warning", first.GetProperty("severity").GetString());
        Assert.Equal(0, first.GetProperty("start").GetInt32());
        Assert.Equal("Hi all", first.GetProperty("text").GetString());
        Assert.Equal(first.GetProperty("text").GetString()!.Length, first.GetProperty("length").GetInt32());
        Assert.True(first.GetProperty("message").GetString()!.Length > 0);
        Assert.Equal(JsonValueKind.Array, first.GetProperty("suggestions").ValueKind);
        Assert.Contains(lines[2].GetProperty("findings").EnumerateArray(), f => f.GetProperty("rule").GetString() == "vague-favor");
        Assert.Equal(1, run.ExitCode);
    }

    [Fact]
    public async Task A_malformed_line_yields_an_error_line_and_the_rest_goes_on()
    {
        var input = "{\"id\": \"ok-1\", \"kind\": \"request\", \"text\": \"Thanks.\"}\n{not json\n{\"id\": \"bad-kind\", \"kind\": \"memo\", \"text\": \"x\"}\n{\"id\": \"no-text\"}\n[1,2]\n{\"id\": \"ok-2\", \"text\": \"You owe me.\"}\n";

        var run = await RunAsync(input, "check", "--format", "jsonl");

        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(6, lines.Count);
        Assert.Equal(2, lines[1].GetProperty("line").GetInt32());
        Assert.Contains("line 2: not valid JSON", lines[1].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal("bad-kind", lines[2].GetProperty("id").GetString());
        Assert.Contains("\"kind\" must be", lines[2].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("\"text\" must be a string", lines[3].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("JSON object", lines[4].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal("ok-2", lines[5].GetProperty("id").GetString());
        Assert.Equal(1, run.ExitCode);
    }

    [Fact]
    public async Task Jsonl_output_is_byte_for_byte_what_the_line_reader_wrote()
    {
        // A byte order mark, "\r\n", a lone "\r", blank lines, an escaped id, a repeated field, a number id kept as
        // written, a malformed line, a missing text, non-ASCII and HTML characters: output as the text reader wrote it.
        // ("you owe me one", not "you owe me": those three words alone the learned model also reads as pressure since
        // session 17, and this test is about the output's bytes, not the coach's judgement.)
        var input = "\uFEFF{\"id\": \"a\\u00e9\", \"text\": \"you owe me one\"}\r\n\r\n  \r{\"text\": \"x\", \"id\": 1.50, \"text\": \"Hi all\"}\r{not json\n"
            + "{\"id\": \"k\", \"kind\": \"memo\"}\n{\"id\": \"\u2713 <&>\", \"kind\": \"thanks\", \"text\": \"Thanks \u2014 you owe me \\\"one\\\"\"}";

        var run = await RunAsync(input, "check", "--format", "jsonl");

        const string Owe = """{"rule":"keeping-score","kind":"pitfall","severity":"warning","start":0,"length":10,"text":"you owe me","message":"This reminds them of what they owe you.","suggestions":[{"replacement":"","label":"Remove the reminder; let the ask stand on its own"}]}""";
        var expected = string.Join('\n',
            """{"id":"aé","findings":[""" + Owe + "]}",
            """{"id":1.50,"findings":[{"rule":"group-ask","kind":"pitfall","severity":"warning","start":0,"length":6,"text":"Hi all","message":"This is addressed to a group, not to one person.","suggestions":[{"replacement":"Hi","label":"Greet one person by name instead"}]}]}""",
            """{"line":5,"error":"line 5: not valid JSON ('n' is an invalid start of a property name. Expected a '\"'. LineNumber: 0 | BytePositionInLine: 1.)"}""",
            """{"id":"k","error":"line 6: \"text\" must be a string"}""",
            """{"id":"✓ <&>","findings":[""" + Owe.Replace("\"start\":0", "\"start\":9", StringComparison.Ordinal) + "]}") + "\n";
        Assert.Equal(expected, run.Output);
    }

    [Fact]
    public async Task Jsonl_lines_longer_than_a_read_block_and_many_blocks_keep_their_order_and_line_numbers()
    {
        var builder = new StringBuilder();
        builder.Append("{\"id\": \"long\", \"text\": \"").Insert(builder.Length, "Could you help? You owe me. ", 40_000).Append("\"}\r\n");
        for (var i = 0; i < 20_000; i++)
        {
            builder.Append(i % 1000 == 999 ? "{oops\r" : "{\"text\": \"Hi all\"}\r\n");
        }

        var run = await RunAsync(builder.ToString(), "check", "--format", "jsonl");

        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(20_001, lines.Count);
        Assert.Equal(40_000, lines[0].GetProperty("findings").GetArrayLength());
        Assert.Equal(2, lines[1].GetProperty("line").GetInt32());
        Assert.Equal(20_001, lines[^1].GetProperty("line").GetInt32());
        Assert.StartsWith("line 1001: not valid JSON", lines[1000].GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_jsonl_line_gets_exactly_what_the_analyzer_finds_in_its_text_alone()
    {
        // Well-formed lines are analysed some hundreds at a time, a malformed line between them; the learned model's pass
        // comes first for each batch, so a line's findings must not depend on its neighbours. More than one read block
        // (256 KB), so batches meet block ends too; every line keeps its id, and every malformed one its line number.
        string[] texts =
        [
            "Hi all! Can anyone help?", "Could you do me a favor? Call me.", "You have to cover my shift on Saturday at 9.",
            "I'm so sorry, sorry to ask, could you water the plants while I'm away?", "Thank you for the soup, it got me through the week.",
            "Ravi and Jo can't, so you're my last hope for the move on Sunday.", "You'll have a blast, it's right up your street!",
            "Could you check my CV before Friday? Your eye for detail would make it so much sharper.", "ok", "",
        ];
        var analyzer = new HelpAsk.Core.Analysis.PitfallAnalyzer();
        var builder = new StringBuilder();
        var expected = new List<string>();
        for (var i = 0; i < 6_000; i++)
        {
            if (i % 97 == 96)
            {
                builder.Append("{oops\n");
                expected.Add($"line {i + 1}: error");
                continue;
            }

            var (text, kind) = (texts[(i * 7) % texts.Length] + (i % 3 == 0 ? $" See you at {i}." : ""), i % 5 == 0 ? "thanks" : "request");
            builder.Append(JsonSerializer.Serialize(new { id = $"m{i}", kind, text })).Append('\n');
            var findings = analyzer.Analyze(text, kind == "thanks" ? HelpAsk.Core.Analysis.MessageKind.Thanks : HelpAsk.Core.Analysis.MessageKind.Request);
            expected.Add($"m{i}: " + string.Join(";", findings.Select(f => $"{f.RuleId}@{f.Start}+{f.Length}")));
        }

        Assert.True(builder.Length > 2 * 256 * 1024, $"{builder.Length} characters");

        var run = await RunAsync(builder.ToString(), "check", "--format", "jsonl");

        var actual = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).Select(line =>
            line.TryGetProperty("error", out var error)
                ? $"line {line.GetProperty("line").GetInt32()}: {(error.GetString()!.StartsWith($"line {line.GetProperty("line").GetInt32()}: not valid JSON", StringComparison.Ordinal) ? "error" : error.GetString())}"
                : $"{line.GetProperty("id").GetString()}: " + string.Join(";", line.GetProperty("findings").EnumerateArray().Select(f =>
                    $"{f.GetProperty("rule").GetString()}@{f.GetProperty("start").GetInt32()}+{f.GetProperty("length").GetInt32()}"))).ToList();
        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task Jsonl_mode_reads_a_file_and_handles_many_lines()
    {
        var builder = new StringBuilder();
        for (var i = 0; i < 5_000; i++)
        {
            builder.Append("{\"id\": ").Append(i).Append(", \"kind\": \"request\", \"text\": \"Sorry, so sorry, could you do me a favor? It won't take long.\"}\n");
        }

        var path = Write("many.jsonl", builder.ToString());

        var run = await RunAsync("", "check", "--format", "jsonl", path);

        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5_000, lines.Length);
        Assert.Equal(4_999, JsonDocument.Parse(lines[^1]).RootElement.GetProperty("id").GetInt32());
    }

    [Fact]
    public async Task Rules_lists_every_rule_with_its_why()
    {
        var run = await RunAsync("", "rules");

        Assert.Equal(0, run.ExitCode);
        foreach (var id in new[] { "vague-favor", "about-me-thanks", "impact" })
        {
            Assert.Contains(id + " (", run.Output, StringComparison.Ordinal);
        }

        Assert.Equal(14, run.Output.Split('\n').Count(l => l.StartsWith("  Why: ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_rule_reference_in_docs_is_generated_from_the_catalog()
    {
        var run = await RunAsync("", "rules", "--format", "markdown");

        var docs = Path.Combine(RepositoryRoot(), "docs", "rules.md");
        Assert.True(
            File.ReadAllText(docs) == run.Output,
            "docs/rules.md is out of date: run `dotnet run --project src/HelpAsk.Cli -- rules --format markdown > docs/rules.md`.");
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "HelpAsk.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("Run the tests from a clone of the repository.");
    }
}
