using HelpAsk.Core.Domain;
using HelpAsk.Web.Features.Coaching;

namespace HelpAsk.Web.Features.Thanks;

/// <summary>The thanks composer's coached texts: where each lives in the note and how it is asked for.</summary>
public static class ThanksParts
{
    public static readonly CoachedPart<ThanksContent> WhatTheyDid = new(
        "did", "What they did",
        "Name exactly what they did, so they know you noticed.",
        "You spent Saturday morning carrying Dad's piano down two flights of stairs.",
        c => c.WhatTheyDid, (c, text) => c with { WhatTheyDid = text }, ThankYouNote.PartMaxLength) { Property = nameof(ThankYouNote.WhatTheyDid) };

    public static readonly CoachedPart<ThanksContent> WhatItCost = new(
        "cost", "What it cost them",
        "Their time, their effort, what they gave up to do it.",
        "I know you gave up your own plans to be there, and your back must have felt it.",
        c => c.WhatItCost, (c, text) => c with { WhatItCost = text }, ThankYouNote.PartMaxLength) { Property = nameof(ThankYouNote.WhatItCost) };

    public static readonly CoachedPart<ThanksContent> DifferenceItMade = new(
        "difference", "The difference it made",
        "What their help made possible, for you or for others. This is what makes help feel worth it.",
        "Dad played it on his first evening in the new flat, and for the first time he said it felt like home.",
        c => c.DifferenceItMade, (c, text) => c with { DifferenceItMade = text }, ThankYouNote.PartMaxLength) { Property = nameof(ThankYouNote.DifferenceItMade) };

    public static readonly CoachedPart<ThanksContent> Note = new(
        "note", "Your note",
        "The note as it will be sent. Edit it freely; the coach keeps checking as you type.",
        "", c => c.Text, (c, text) => c with { Text = text }, ThankYouNote.TextMaxLength, 10) { Property = nameof(ThankYouNote.Text) };

    public static readonly IReadOnlyList<CoachedPart<ThanksContent>> All = [WhatTheyDid, WhatItCost, DifferenceItMade, Note];
}
