namespace HelpAsk.Core.Analysis.Engine;

/// <summary>
/// What the catalog's patterns cannot say on their own: whether a favour opener is followed at once
/// by the concrete ask, whether a group greeting is followed by an ask to one named person or by no ask at all, and
/// whether a thank-you note is more about the writer than the helper.
/// </summary>
internal static class ContextChecks
{
    /// <summary>Removes, in place, the matches of <paramref name="ruleId"/> that their context clears.</summary>
    public static void Apply(string ruleId, List<Match> matches, MatchContext context, MessageKind kind)
    {
        switch (ruleId)
        {
            case "vague-favor":
                RemoveWhere(matches, context, static (m, c) => IsFollowedByConcreteAsk(m, c) || (IsTagged(m, c, "needs-deferral") && !IsDeferred(m, c)));
                break;
            case "pressure":
                RemoveWhere(matches, context, static (m, c) => IsAskedRatherThanTold(m, c));
                break;
            case "group-ask" when IsNoticeThatAsksNothing(matches, context):
                matches.Clear();
                break;
            case "group-ask":
                RemoveWhere(matches, context, static (m, c) => (IsGreeting(m, c) && IsFollowedByAskToOneNamedPerson(m, c))
                    || (IsTagged(m, c, "someone-wanted") && (IsAddressedToOneNamedPerson(m, c) || IsOnePersonAskedAsYou(m, c)))
                    || (!IsGreeting(m, c) && !SaysYou(m, c) && IsWrittenToOnePerson(c)));
                break;
            case "about-me-thanks" when kind != MessageKind.Thanks || !IsMostlyAboutTheWriter(context):
                matches.Clear();
                break;
        }
    }

    // List.RemoveAll, but with the context passed in: a lambda capturing it would be a new closure per analysis.
    private static void RemoveWhere(List<Match> matches, MatchContext context, Func<Match, MatchContext, bool> cleared)
    {
        var all = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(matches);
        var count = 0;
        foreach (var match in all)
        {
            if (!cleared(match, context))
            {
                all[count++] = match;
            }
        }

        matches.RemoveRange(count, matches.Count - count);
    }

    /// <summary>
    /// "Could you do me a favor and water my plants?" or "Can I ask a favor? Could you pick up Mia at 5?"
    /// say what the help is at once: the opener is harmless. Only a concrete ask in the rest of the
    /// sentence or in the next one counts, and not one that only defers ("call me", "have a minute?").
    /// </summary>
    private static bool IsFollowedByConcreteAsk(Match opener, MatchContext context)
    {
        var windowEnd = ThisAndNextSentenceEnd(opener, context);
        var asks = context.ContextMatches("concrete-ask", opener.End - 1, windowEnd);
        if (asks.Length == 0)
        {
            return false;
        }

        var vague = context.MatchesOf(opener.Rule);
        var deferrals = context.ContextMatches("deferral", opener.Start, windowEnd);
        foreach (var ask in asks)
        {
            if (!IsInside(ask, vague) && !ask.OverlapsAny(deferrals))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsInside(Match match, List<Match> others)
    {
        foreach (var other in others)
        {
            if (other.Start <= match.Start && match.End <= other.End)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsGreeting(Match match, MatchContext context) => IsTagged(match, context, "greeting");

    private static bool IsTagged(Match match, MatchContext context, string tag) => context.Catalog.TagOf(match) == tag;

    /// <summary>
    /// "Are you free on Sunday?" or "Can you help me?" only withhold the task when the message then puts it
    /// off ("I'll explain when I see you", "ring me"); on their own they are how many concrete asks begin.
    /// </summary>
    private static bool IsDeferred(Match ask, MatchContext context) =>
        context.ContextMatches("deferral", ask.End, ThisAndNextSentenceEnd(ask, context)).Length > 0;

    /// <summary>
    /// A task told as settled names its time ("You're picking Gran up on Tuesday"); without one it is more
    /// likely news ("You're picking up Spanish so fast").
    /// </summary>
    private static bool SaysWhen(Match statement, MatchContext context) =>
        context.ContextMatches("time-expression", SentenceStart(statement.Start, context), context.SentenceEnd(statement.End)).Length > 0;

    /// <summary>
    /// A task told as a statement (tag "statement") tells only when it says when; one told as settled ("settled")
    /// also when the message asks nothing; a command ("command") only in a message that asks nothing and says when.
    /// Each asks after all as a real question or with room to say no.
    /// </summary>
    private static bool IsAskedRatherThanTold(Match match, MatchContext context) => context.Catalog.TagOf(match) switch
    {
        "statement" => EndsWithQuestionMark(match, context) || LeavesRoomForNo(match, context) || !SaysWhen(match, context) || IsConditionOfAnOffer(match, context)
            || IsDetailOfAnAsk(match, context) || IsPartOfANotice(context),
        "settled" => EndsWithQuestionMark(match, context) || LeavesRoomForNo(match, context) || (!SaysWhen(match, context) && AsksAnywhere(context)),
        "command" => EndsWithQuestionMark(match, context) || LeavesRoomForNo(match, context) || AsksAnywhere(context) || context.ContextMatches("time-expression").Length == 0
            || IsConditionOfAnOffer(match, context) || IsPartOfANotice(context),
        _ => false,
    };

    /// <summary>
    /// A message that asks somewhere (a question mark, "could you", "if you can") offers a choice, so a task told as
    /// settled there needs its time to count as pressure; in a message that asks nothing, "You're making the cake for
    /// Mum's 60th." tells with or without one.
    /// </summary>
    private static bool AsksAnywhere(MatchContext context) =>
        context.Text.Contains('?', StringComparison.Ordinal)
        || context.ContextMatches("room-for-no").Length > 0
        || context.ContextMatches("concrete-ask").Length > 0;

    /// <summary>
    /// "Cover my Monday close and I'll take two of your weekend shifts": the command is the condition of a trade offered
    /// after it in the same sentence (a quid-pro-quo), not an order. A catalog without the set keeps the command.
    /// </summary>
    private static bool IsConditionOfAnOffer(Match command, MatchContext context) =>
        context.Catalog.Defines("offered-in-return")
        && context.ContextMatches("offered-in-return", command.End, context.SentenceEnd(command.End)).Length > 0;

    /// <summary>
    /// "Can you give us a hand loading the trailer at 2, bring your gloves": an instruction in a sentence that has already
    /// asked is a detail of the ask. A catalog without the offered-in-return set (an older copy, such as the engine
    /// snapshot's) keeps the instruction, here and in a notice.
    /// </summary>
    private static bool IsDetailOfAnAsk(Match instruction, MatchContext context) =>
        context.Catalog.Defines("offered-in-return")
        && context.ContextMatches("concrete-ask", SentenceStart(instruction.Start, context), instruction.Start).Length > 0;

    /// <summary>
    /// "Hi all, the hall is closed on the 12th, so training moves to the park. Bring a torch.": an instruction in a notice
    /// that asks nobody for help is practical advice, not a task pressed on one person.
    /// </summary>
    private static bool IsPartOfANotice(MatchContext context) =>
        context.Catalog.Defines("offered-in-return") && !AsksAnywhere(context) && context.ContextMatches("notice").Length > 0
        && context.ContextMatches("wants-something").Length == 0;

    /// <summary>"Bring a chair at 7 if you like" tells, but leaves the choice to them, in that sentence or the next.</summary>
    private static bool LeavesRoomForNo(Match statement, MatchContext context) =>
        context.ContextMatches("room-for-no", SentenceStart(statement.Start, context), ThisAndNextSentenceEnd(statement, context)).Length > 0;

    /// <summary>
    /// "You're picking Gran up on Tuesday." tells; "You're picking Gran up on Tuesday?" asks; "You're picking Gran up on
    /// Tuesday, yeah?" only looks like a question (a tag that expects yes).
    /// </summary>
    private static bool EndsWithQuestionMark(Match match, MatchContext context)
    {
        var end = context.SentenceEnd(match.End);
        return end < context.Tokens.Count && context.Text[context.Tokens[end].Start] == '?'
            && context.ContextMatches("tag-question", SentenceStart(match.Start, context), end).Length == 0;
    }

    /// <summary>
    /// "Hi all, reminder: the car park is shut on Monday, please use Ellis Street." greets a group but asks nobody for
    /// anything: a notice. Only a group greeting is cleared so, in a text that reads as a notice (a reminder, something
    /// closed or moved, "no action needed") and has no question, no room for no and no word of wanting something ("need",
    /// "help", "could you", "anyone", "let me know if"). A greeting alone, or before a situation told plainly ("Hi all,
    /// the car is in the garage"), is still a group ask: the composer checks each part of a request on its own, and the
    /// ask may be in the next one. A catalog without these sets (an older copy, such as the engine snapshot's) keeps
    /// every greeting, as before.
    /// </summary>
    private static bool IsNoticeThatAsksNothing(List<Match> matches, MatchContext context)
    {
        if (!context.Catalog.Defines("wants-something") || !context.Catalog.Defines("notice"))
        {
            return false;
        }

        foreach (var match in matches)
        {
            if (!IsGreeting(match, context))
            {
                return false;
            }
        }

        // A catalog with the group-need set also clears a greeting on news told plainly ("Hi all, welcome to our three new
        // members!") that voices no need of the writer's ("my van has died", "could use a couple of bodies").
        var toldPlainly = context.Catalog.Defines("group-need");
        var notice = context.ContextMatches("notice");
        if ((notice.Length == 0 && (!toldPlainly || !SaysMoreThanTheGreeting(matches, context)))
            || (toldPlainly && context.ContextMatches("group-need").Length > 0) || AsksAnywhere(context))
        {
            return false;
        }

        // "help yourselves", "no need to bring anything": a word of wanting inside the notice's own wording asks nothing,
        // nor does a duty told ("the forms need to be in by Friday").
        var duties = toldPlainly ? context.ContextMatches("duty-told") : notice;
        foreach (var wanting in context.ContextMatches("wants-something"))
        {
            if (!wanting.OverlapsAny(notice) && !wanting.OverlapsAny(duties))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>"Hi all" alone may be the start of an ask still being typed: only words after the greetings tell news.</summary>
    private static bool SaysMoreThanTheGreeting(List<Match> greetings, MatchContext context)
    {
        var last = 0;
        foreach (var greeting in greetings)
        {
            last = Math.Max(last, greeting.End);
        }

        for (var i = last; i < context.Tokens.Count; i++)
        {
            if (context.Tokens[i].IsWord)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"Hi all, Priya, could you take the notes?" asks one person after all.</summary>
    private static bool IsFollowedByAskToOneNamedPerson(Match greeting, MatchContext context) =>
        context.ContextMatches("named-addressee", greeting.End, ThisAndNextSentenceEnd(greeting, context)).Length > 0;

    /// <summary>
    /// "Hi Beth, I'm looking for someone to cover Saturday" asks Beth, though it says "someone": a greeting to one
    /// named person in the same sentence or the one before.
    /// </summary>
    private static bool IsAddressedToOneNamedPerson(Match match, MatchContext context) =>
        context.ContextMatches("named-greeting", PreviousSentenceStart(match, context), match.Start).Length > 0;

    /// <summary>
    /// "I'm looking for someone to call the dances. Would you be up for it?" describes the one person wanted and then asks
    /// the reader: "someone" (one person, not "volunteers") with a "would you" in the sentence before or after, in a
    /// message with no group greeting. A catalog without these sets keeps the match.
    /// </summary>
    private static bool IsOnePersonAskedAsYou(Match match, MatchContext context)
    {
        if (!context.Catalog.Defines("one-wanted") || !context.Catalog.Defines("you-asked")
            || !match.OverlapsAny(context.ContextMatches("one-wanted", match.Start, match.End)))
        {
            return false;
        }

        foreach (var other in context.MatchesOf(match.Rule))
        {
            if (IsGreeting(other, context))
            {
                return false;
            }
        }

        return context.ContextMatches("you-asked", PreviousSentenceStart(match, context), ThisAndNextSentenceEnd(match, context)).Length > 0;
    }

    /// <summary>
    /// "Jolene, need somebody to feed the chickens on Tuesday" or "Hi Mr Patel, could someone come and look at the boiler?"
    /// is written to one person, named (or called Mum, Sis…) at the very start: the "someone" is whoever they can find or
    /// send, not a call to a crowd. Not when the message also greets a group, nor for a capitalised word that may name a
    /// group ("Sopranos!", "Harriers,": it ends in s) or a heading ("Urgent:"). A catalog without the set keeps the match.
    /// </summary>
    private static bool IsWrittenToOnePerson(MatchContext context) => context.WrittenToOnePerson ??= WrittenToOnePerson(context);

    // The same for every match judged, and it looks at every group-ask match: asked once an analysis, not once a match.
    private static bool WrittenToOnePerson(MatchContext context)
    {
        if (!context.Catalog.Defines("one-addressed"))
        {
            return false;
        }

        // Only an opener at the very start counts: the walk looks at the first token alone, not the whole text.
        var end = -1;
        foreach (var opener in context.ContextMatches("one-addressed", 0, 1))
        {
            end = Math.Max(end, opener.End);
        }

        if (end < 0)
        {
            return false;
        }

        foreach (var other in context.MatchesOf(context.Catalog.ById["group-ask"]))
        {
            if (IsGreeting(other, context))
            {
                return false;
            }
        }

        // The word that names them is the opener's last; what follows it must be a comma, a stop, "!" or a line break.
        var last = end - 1;
        while (last > 0 && !context.Tokens[last].IsWord)
        {
            last--;
        }

        var name = context.Tokens[last];
        if (name.Capitalized && name.Id == Vocabulary.Other && char.ToLowerInvariant(context.Text[name.End - 1]) == 's')
        {
            return false;
        }

        var after = name.End;
        while (after < context.Text.Length && context.Text[after] == ' ')
        {
            after++;
        }

        return after == context.Text.Length || context.Text[after] is ',' or '.' or '!' or '\n' or '\r';
    }

    /// <summary>"Could one of you…", "any of you lot": the match itself speaks to more than one.</summary>
    private static bool SaysYou(Match match, MatchContext context) => context.Count(context.Catalog.SecondPersonIds, match.Start, match.End) > 0;

    private static int PreviousSentenceStart(Match match, MatchContext context) => SentenceStart(SentenceStart(match.Start, context) - 1, context);

    /// <summary>The first token of the sentence holding <paramref name="tokenIndex"/> (0 when before the text).</summary>
    private static int SentenceStart(int tokenIndex, MatchContext context)
    {
        if (tokenIndex <= 0)
        {
            return 0;
        }

        var i = tokenIndex - 1;
        while (i >= 0 && context.Tokens[i].Id != Vocabulary.Boundary)
        {
            i--;
        }

        return i + 1;
    }

    private static int ThisAndNextSentenceEnd(Match match, MatchContext context)
    {
        var end = context.SentenceEnd(match.End);
        return end < context.Tokens.Count ? context.SentenceEnd(end + 1) : end;
    }

    /// <summary>
    /// A note is about the writer when it dwells on the writer's own relief (the rule's patterns)
    /// and says "I/me/my" more than "you/your" (leaving out the "you" of "thank you").
    /// </summary>
    private static bool IsMostlyAboutTheWriter(MatchContext context)
    {
        var catalog = context.Catalog;
        var self = context.Count(catalog.FirstPersonIds);
        var other = context.Count(catalog.SecondPersonIds);
        for (var i = 1; i < context.Tokens.Count; i++)
        {
            if (context.Tokens[i - 1].Id == catalog.ThankId && Array.IndexOf(catalog.SecondPersonIds, context.Tokens[i].Id) >= 0)
            {
                other--;
            }
        }

        return self > other;
    }
}
