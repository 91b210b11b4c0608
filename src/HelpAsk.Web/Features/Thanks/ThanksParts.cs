using HelpAsk.Core.Domain;

namespace HelpAsk.Web.Features.Thanks;

/// <summary>One coached text of the thanks composer: where it lives in the note and how it is asked for.</summary>
public sealed record ThanksPart(
    string Key, string Property, string Label, string Hint, string Placeholder,
    Func<ThanksContent, string> Read, Func<ThanksContent, string, ThanksContent> Write, int Rows = 3)
{
    public int MaxLength { get; init; } = ThankYouNote.PartMaxLength;
}

public static class ThanksParts
{
    public static readonly ThanksPart WhatTheyDid = new(
        "did", nameof(ThankYouNote.WhatTheyDid), "What they did",
        "Name exactly what they did, so they know you noticed.",
        "You spent Saturday morning carrying Dad's piano down two flights of stairs.",
        c => c.WhatTheyDid, (c, text) => c with { WhatTheyDid = text });

    public static readonly ThanksPart WhatItCost = new(
        "cost", nameof(ThankYouNote.WhatItCost), "What it cost them",
        "Their time, their effort, what they gave up to do it.",
        "I know you gave up your own plans to be there, and your back must have felt it.",
        c => c.WhatItCost, (c, text) => c with { WhatItCost = text });

    public static readonly ThanksPart DifferenceItMade = new(
        "difference", nameof(ThankYouNote.DifferenceItMade), "The difference it made",
        "What their help made possible, for you or for others. This is what makes help feel worth it.",
        "Dad played it on his first evening in the new flat, and for the first time he said it felt like home.",
        c => c.DifferenceItMade, (c, text) => c with { DifferenceItMade = text });

    public static readonly ThanksPart Note = new(
        "note", nameof(ThankYouNote.Text), "Your note",
        "The note as it will be sent. Edit it freely; the coach keeps checking as you type.",
        "", c => c.Text, (c, text) => c with { Text = text }, 10) { MaxLength = ThankYouNote.TextMaxLength };

    public static readonly IReadOnlyList<ThanksPart> All = [WhatTheyDid, WhatItCost, DifferenceItMade, Note];
}
