using HelpAsk.Core.Analysis;

namespace HelpAsk.Cli;

/// <summary><c>helpask check FILE...</c>: compiler-style lines, one per finding.</summary>
internal static class TextCheck
{
    public static async Task<int> RunAsync(PitfallAnalyzer analyzer, string[] paths, MessageKind kind, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        var anyPitfall = false;
        foreach (var path in paths.Length == 0 ? ["-"] : paths)
        {
            string text;
            try
            {
                text = path == "-" ? await stdin.ReadToEndAsync() : await File.ReadAllTextAsync(path);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                await stderr.WriteLineAsync($"helpask: cannot read {path}: {error.Message}");
                return HelpAskCommand.UsageError;
            }

            var name = path == "-" ? "<stdin>" : path;
            var lines = new LineIndex(text);
            foreach (var finding in analyzer.Analyze(text, kind))
            {
                anyPitfall |= finding.Kind == FindingKind.Pitfall;
                var (line, column) = lines.Locate(finding.Start);
                await stdout.WriteLineAsync($"{name}:{line}:{column}  {Label(finding.Severity)}  {finding.RuleId}  {finding.Message} (\"{finding.Text}\")");
                foreach (var suggestion in finding.Suggestions)
                {
                    var change = suggestion.DeletesSpan ? "delete it" : $"\"{suggestion.Replacement}\"";
                    await stdout.WriteLineAsync($"    suggestion: {suggestion.Label}: {change}");
                }
            }
        }

        return anyPitfall ? HelpAskCommand.PitfallsFound : HelpAskCommand.Clean;
    }

    private static string Label(FindingSeverity severity) => severity switch
    {
        FindingSeverity.Warning => "warning",
        FindingSeverity.Suggestion => "suggestion",
        _ => "strength",
    };

    /// <summary>1-based line and column of a character offset.</summary>
    private sealed class LineIndex(string text)
    {
        private readonly int[] starts = [0, .. text.Select((c, i) => (c, i)).Where(x => x.c == '\n').Select(x => x.i + 1)];

        public (int Line, int Column) Locate(int offset)
        {
            var index = Array.BinarySearch(starts, offset);
            var line = index >= 0 ? index : ~index - 1;
            return (line + 1, offset - starts[line] + 1);
        }
    }
}
