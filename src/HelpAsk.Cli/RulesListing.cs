using HelpAsk.Core.Analysis;

namespace HelpAsk.Cli;

/// <summary><c>helpask rules</c>: every rule, what it flags and why it matters.</summary>
internal static class RulesListing
{
    public static async Task WriteAsync(RuleCatalog catalog, TextWriter stdout)
    {
        foreach (var rule in catalog.Descriptions)
        {
            var kinds = string.Join(", ", rule.AppliesTo.Select(k => k.ToString().ToLowerInvariant()));
            await stdout.WriteLineAsync($"{rule.Id} ({rule.Kind.ToString().ToLowerInvariant()}, {rule.Severity.ToString().ToLowerInvariant()}; {kinds})");
            await stdout.WriteLineAsync($"  {rule.Message}");
            await stdout.WriteLineAsync($"  Why: {rule.Why}");
            await stdout.WriteLineAsync();
        }
    }
}
