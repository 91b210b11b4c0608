using HelpAsk.Core.Domain;

namespace HelpAsk.Web.Features.Requests.Compose;

/// <summary>One coached text of the composer: where it lives in the draft, and how the step names it.</summary>
public sealed record ComposerPart(
    string Key,
    string Label,
    int Step,
    string Hint,
    string Placeholder,
    Func<DraftContent, string> Read,
    Func<DraftContent, string, DraftContent> Write,
    int Rows = 3)
{
    /// <summary>The draft's property, as validation names it.</summary>
    public string Property { get; init; } = "";

    public int MaxLength { get; init; } = HelpRequest.PartMaxLength;
}

public static class ComposerParts
{
    public const int ReviewStep = 5;

    public static readonly ComposerPart Situation = new(
        "situation", "What's going on", 0,
        "Tell them what is happening in your own words, so they notice there is a need.",
        "We're moving Dad into assisted living on the 14th, and we don't know what to do with his tools.",
        d => d.Situation, (d, text) => d with { Situation = text }, 4) { Property = nameof(HelpRequest.Situation) };

    public static readonly ComposerPart Signal = new(
        "signal", "Your request, said plainly", 1,
        "One clear sentence that asks for help. People hold back help nobody asked for.",
        "I'd really value your help with this.",
        d => d.Signal, (d, text) => d with { Signal = text }) { Property = nameof(HelpRequest.Signal) };

    public static readonly ComposerPart WhatINeed = new(
        "what", "What exactly you need", 3,
        "The concrete task, as they would do it.",
        "Would you come by one evening next week and help us sort them into keep, sell and donate?",
        d => d.WhatINeed, (d, text) => d with { WhatINeed = text }) { Property = nameof(HelpRequest.WhatINeed) };

    public static readonly ComposerPart WhyThisPerson = new(
        "why", "Why them (optional)", 3,
        "What you share, what they are good at or care about, and the difference their help will make.",
        "You've always been the person on this street who knows what every tool is worth.",
        d => d.WhyThisPerson, (d, text) => d with { WhyThisPerson = text }) { Property = nameof(HelpRequest.WhyThisPerson) };

    public static readonly ComposerPart Openness = new(
        "openness", "Make \"no\" easy", 4,
        "Acknowledge their other commitments and welcome another way to help.",
        "I know you're busy with the allotment; if an evening doesn't work, a quick call would help too.",
        d => d.Openness, (d, text) => d with { Openness = text }) { Property = nameof(HelpRequest.Openness) };

    public static readonly ComposerPart Message = new(
        "message", "The message", ReviewStep,
        "Edit the whole message as it will be sent. The coach keeps checking as you type.",
        "",
        d => d.ComposedText, (d, text) => d with { ComposedText = text }, 12)
    {
        Property = nameof(HelpRequest.ComposedText), MaxLength = HelpRequest.ComposedTextMaxLength,
    };

    public static readonly IReadOnlyList<ComposerPart> All = [Situation, Signal, WhatINeed, WhyThisPerson, Openness, Message];
}
