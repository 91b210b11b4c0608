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

    /// <summary>The rule reference in Markdown: docs/rules.md is this output, checked by a test.</summary>
    public static async Task WriteMarkdownAsync(RuleCatalog catalog, TextWriter stdout)
    {
        await stdout.WriteAsync(Intro);
        foreach (var group in catalog.Descriptions.GroupBy(r => r.Kind))
        {
            await stdout.WriteLineAsync(group.Key == FindingKind.Pitfall ? "## Pitfalls" : "## Strengths");
            await stdout.WriteLineAsync();
            foreach (var rule in group)
            {
                var kinds = string.Join(" and ", rule.AppliesTo.Select(k => k == MessageKind.Request ? "requests" : "thank-you notes"));
                await stdout.WriteLineAsync($"### `{rule.Id}`");
                await stdout.WriteLineAsync();
                await stdout.WriteLineAsync($"*{rule.Severity.ToString().ToLowerInvariant()}, in {kinds}.* {rule.Message}");
                await stdout.WriteLineAsync();
                await stdout.WriteLineAsync($"**Why.** {rule.Why}");
                await stdout.WriteLineAsync();
                foreach (var example in rule.FlaggedExamples)
                {
                    await stdout.WriteLineAsync($"- {(rule.Kind == FindingKind.Pitfall ? "Flagged" : "Recognised")}: \"{example}\"");
                }

                foreach (var example in rule.FineExamples)
                {
                    await stdout.WriteLineAsync($"- Not flagged: \"{example}\"");
                }

                foreach (var suggestion in rule.Suggestions)
                {
                    var change = suggestion.DeletesSpan ? "deletes the words" : $"replaces them with \"{suggestion.Replacement}\"";
                    await stdout.WriteLineAsync($"- Suggestion: {suggestion.Label} ({change}).");
                }

                await stdout.WriteLineAsync();
            }
        }
    }

    private const string Intro = """
        # Rules

        HelpAsk's wording coach checks a help request or a thank-you note for the pitfalls that make people
        less willing to help, and recognises the "reinforcements" that make them glad to (Heidi Grant,
        *Reinforcements*). This page is generated from the rule catalog by `helpask rules --format markdown`;
        a test keeps it in step with the catalog.

        ## How the rules work

        The catalog is data: `src/HelpAsk.Core/Analysis/Catalog/rules.json`, embedded in the assembly. Each
        rule has an id, a kind (pitfall or strength), a severity, the kinds of message it applies to, a short
        message, a longer why, suggested rewordings, examples, and its patterns. Patterns match words, not
        characters: the text is read lower-cased, with curly and straight apostrophes alike, contractions
        expanded ("won't" is "will not") and British spellings folded ("favour" is "favor"), so one pattern
        covers many wordings; word classes stand for kinds of words and phrases (treats, feelings, the people
        who might have helped instead). The pattern language is described at the top of the catalog file. A pattern
        may hold for fewer kinds of message than its rule: what someone went on to achieve ("she came
        second in the county") is impact in a thank-you note, but just news in a request.

        Code is used only where counting or context matters:

        - **over-apologizing** needs two or more apologies; "sorry to hear" is sympathy, not an apology.
        - **vague-favor** is not raised when the same or the next sentence says concretely what is needed
          ("Could you do me a favor and feed the cat on Sunday?"); an availability question ("Are you free on
          Sunday?") is vague only when the message then puts the task off ("I'll explain when I see you").
        - **group-ask** is not raised for "Hi all" when the next words ask one named person, nor for "I'm
          looking for someone" in a message that greets one named person or asks "would you" in the sentence
          before or after; a greeting on a notice that asks nobody for anything ("Hi all, the hall is locked on
          Sunday. Thanks to Omar for the new sign.") is not a group ask either.
        - **pressure** takes a task told as settled ("You're picking Gran up on Tuesday.") only as a statement
          that says when, or in a message that asks nothing ("You're making the cake. Sponge, not fruit."), not as a
          question ("You're picking Gran up on Tuesday?", though ", yeah?" is no question) nor with room to say no
          ("if you're free", "no worries if not"); a command ("Be at the gate.") likewise, in a message that asks
          nothing and says when. An order followed by what is offered for it ("Mow my lawn on Saturday and I'll cook
          you dinner") is a trade, not pressure.
        - **about-me-thanks** needs words of the writer's own relief and more "I/me/my" than "you/your".
        - **impact** is not credited in a message that is also told it is mostly about the writer
          (about-me-thanks) or lays the hardship on thick (sympathy-card): the coach does not praise and warn
          about the same words.
        - Rules marked negatable ignore a phrase right after "not" or "never" ("I'm not desperate").

        You stay in control: a rule can be switched off, one occurrence ignored, a phrase allowed, or a
        phrase of your own added under any rule: the analyzer takes these choices as `AnalyzerOptions`.

        Run `helpask rules` for the same list in the terminal.


        """;
}
