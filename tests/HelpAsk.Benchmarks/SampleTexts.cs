using System.Text;
using System.Text.Json;

namespace HelpAsk.Benchmarks;

/// <summary>
/// Benchmark inputs built from the project's labelled messages, so they are realistic and dense with
/// pitfalls (a worst case for the matcher): a 200-character request, a 2 KB request and a 50 KB text.
/// </summary>
public static class SampleTexts
{
    public static IReadOnlyList<string> Messages { get; } = LoadMessages();

    public static string Short { get; } = Take(200);

    public static string Medium { get; } = Take(2 * 1024);

    public static string Long { get; } = Take(50 * 1024);

    /// <summary>The 50 KB text cut into 256 requests of 200 characters: texts the processor has not learnt by heart.</summary>
    public static IReadOnlyList<string> ShortSet { get; } = Cut(Long, 200);

    /// <summary>The 50 KB text cut into 25 requests of 2 KB.</summary>
    public static IReadOnlyList<string> MediumSet { get; } = Cut(Long, 2 * 1024);

    private static string Take(int length)
    {
        var builder = new StringBuilder(length + 1024);
        var i = 0;
        while (builder.Length < length)
        {
            builder.Append(Messages[i++ % Messages.Count]).Append("\n\n");
        }

        return builder.ToString(0, length);
    }

    private static List<string> Cut(string text, int length) =>
        [.. Enumerable.Range(0, text.Length / length).Select(i => text.Substring(i * length, length))];

    private static List<string> LoadMessages()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "labelled-messages.jsonl");
        return [.. File.ReadLines(path).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("text").GetString()!)];
    }
}
