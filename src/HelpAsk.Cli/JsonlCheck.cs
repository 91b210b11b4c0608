using System.Text;
using System.Text.Json;
using HelpAsk.Core.Analysis;

namespace HelpAsk.Cli;

/// <summary>
/// <c>helpask check --format jsonl</c>: reads <c>{"id", "kind", "text"}</c> lines and writes one
/// <c>{"id", "findings"}</c> line per input, in order, streaming: memory stays flat however long the input.
/// A malformed line yields an error line and processing goes on.
/// </summary>
internal static class JsonlCheck
{
    public static async Task<int> RunAsync(PitfallAnalyzer analyzer, string? path, Stream stdin, Stream stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        Stream input;
        try
        {
            input = path is null or "-" ? stdin : File.OpenRead(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            await stderr.WriteLineAsync($"helpask: cannot read {path}: {error.Message}");
            return HelpAskCommand.UsageError;
        }

        var anyPitfall = false;
        await using (input)
        {
            using var reader = new StreamReader(input, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
            var output = new BufferedStream(stdout, 1 << 16);
            await using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            var lineNumber = 0;
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                lineNumber++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                anyPitfall |= WriteResult(analyzer, line, lineNumber, writer);
                await writer.FlushAsync(cancellationToken);
                output.WriteByte((byte)'\n');
                writer.Reset();
            }

            await output.FlushAsync(cancellationToken);
        }

        return anyPitfall ? HelpAskCommand.PitfallsFound : HelpAskCommand.Clean;
    }

    private static bool WriteResult(PitfallAnalyzer analyzer, string line, int lineNumber, Utf8JsonWriter writer)
    {
        JsonElement id = default;
        string? error = null;
        string? text = null;
        var kind = MessageKind.Request;
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = "each line must be a JSON object";
            }
            else
            {
                if (root.TryGetProperty("id", out var idValue))
                {
                    id = idValue.Clone();
                }

                if (!root.TryGetProperty("text", out var textValue) || textValue.ValueKind != JsonValueKind.String)
                {
                    error = "\"text\" must be a string";
                }
                else
                {
                    text = textValue.GetString();
                }

                if (root.TryGetProperty("kind", out var kindValue))
                {
                    switch (kindValue.ValueKind == JsonValueKind.String ? kindValue.GetString() : null)
                    {
                        case "request":
                            break;
                        case "thanks":
                            kind = MessageKind.Thanks;
                            break;
                        default:
                            error ??= "\"kind\" must be \"request\" or \"thanks\"";
                            break;
                    }
                }
            }
        }
        catch (JsonException exception)
        {
            error = $"not valid JSON ({exception.Message})";
        }

        writer.WriteStartObject();
        if (id.ValueKind is JsonValueKind.Undefined)
        {
            writer.WriteNumber("line", lineNumber);
        }
        else
        {
            writer.WritePropertyName("id");
            id.WriteTo(writer);
        }

        if (error is not null)
        {
            writer.WriteString("error", $"line {lineNumber}: {error}");
            writer.WriteEndObject();
            return false;
        }

        var findings = analyzer.Analyze(text!, kind);
        writer.WriteStartArray("findings");
        foreach (var finding in findings)
        {
            writer.WriteStartObject();
            writer.WriteString("rule", finding.RuleId);
            writer.WriteString("kind", finding.Kind == FindingKind.Pitfall ? "pitfall" : "strength");
            writer.WriteString("severity", finding.Severity.ToString().ToLowerInvariant());
            writer.WriteNumber("start", finding.Start);
            writer.WriteNumber("length", finding.Length);
            writer.WriteString("text", finding.Text);
            writer.WriteString("message", finding.Message);
            writer.WriteStartArray("suggestions");
            foreach (var suggestion in finding.Suggestions)
            {
                writer.WriteStartObject();
                writer.WriteString("replacement", suggestion.Replacement);
                writer.WriteString("label", suggestion.Label);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        return findings.Any(f => f.Kind == FindingKind.Pitfall);
    }
}
