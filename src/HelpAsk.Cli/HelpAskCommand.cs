using System.CommandLine;
using HelpAsk.Core.Analysis;
using HelpAsk.Core.Analysis.Learned;

namespace HelpAsk.Cli;

/// <summary>The <c>helpask</c> command line: <c>check</c> and <c>rules</c>.</summary>
public static class HelpAskCommand
{
    public const int Clean = 0;
    public const int PitfallsFound = 1;
    public const int UsageError = 2;

    public static async Task<int> RunAsync(string[] args, TextReader stdinText, Stream stdin, TextWriter stdout, Stream stdoutStream, TextWriter stderr)
    {
        // The learned model read on another core while the catalog is compiled: about 7 ms of a start-up of 120 (2026-11-29),
        // which a check of a few messages is mostly made of.
        var model = Task.Run(() => LearnedModel.Default);
        var catalog = RuleCatalog.Default;
        var analyzer = new PitfallAnalyzer(catalog, await model);

        var files = new Argument<string[]>("files")
        {
            Description = "Text files to check (\"-\" or none: standard input). With --format jsonl, one JSONL file.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var kind = new Option<string>("--kind")
        {
            Description = "What the text is: a help request or a thank-you note.",
            DefaultValueFactory = _ => "request",
        };
        kind.AcceptOnlyFromAmong("request", "thanks");
        var format = new Option<string>("--format")
        {
            Description = "text: one line per finding; jsonl: read and write one JSON object per line.",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "jsonl");

        var check = new Command("check", "Check messages for pitfalls and strengths.") { files, kind, format };
        check.SetAction(async (result, cancellationToken) =>
        {
            var paths = result.GetValue(files) ?? [];
            var messageKind = result.GetValue(kind) == "thanks" ? MessageKind.Thanks : MessageKind.Request;
            if (result.GetValue(format) == "jsonl")
            {
                if (paths.Length > 1)
                {
                    await stderr.WriteLineAsync("helpask: --format jsonl reads one file (or standard input).");
                    return UsageError;
                }

                return await JsonlCheck.RunAsync(analyzer, paths.FirstOrDefault(), stdin, stdoutStream, stderr, cancellationToken);
            }

            return await TextCheck.RunAsync(analyzer, paths, messageKind, stdinText, stdout, stderr);
        });

        var rulesFormat = new Option<string>("--format")
        {
            Description = "text: for the terminal; markdown: the rule reference (docs/rules.md).",
            DefaultValueFactory = _ => "text",
        };
        rulesFormat.AcceptOnlyFromAmong("text", "markdown");
        var rules = new Command("rules", "List every rule with its message and why it matters.") { rulesFormat };
        rules.SetAction(async result =>
        {
            if (result.GetValue(rulesFormat) == "markdown")
            {
                await RulesListing.WriteMarkdownAsync(analyzer.Catalog, stdout);
            }
            else
            {
                await RulesListing.WriteAsync(analyzer.Catalog, stdout);
            }

            return Clean;
        });

        var root = new RootCommand("HelpAsk: coaching for help requests and thank-you notes.") { check, rules };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await stderr.WriteLineAsync($"helpask: {error.Message}");
            }

            await stderr.WriteLineAsync("Try 'helpask --help'.");
            return UsageError;
        }

        return await parsed.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr });
    }
}
