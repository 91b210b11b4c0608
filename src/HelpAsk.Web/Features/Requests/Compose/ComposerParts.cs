using HelpAsk.Core.Domain;
using HelpAsk.Web.Features.Coaching;

namespace HelpAsk.Web.Features.Requests.Compose;

/// <summary>The composer's coached texts: where each lives in the draft, how its step names it, and which step shows it.</summary>
public static class ComposerParts
{
    public const int ReviewStep = 5;

    public static readonly CoachedPart<DraftContent> Situation = new(
        "situation", "What's going on",
        "Tell them what is happening in your own words, so they notice there is a need.",
        "We're moving Dad into assisted living on the 14th, and we don't know what to do with his tools.",
        d => d.Situation, (d, text) => d with { Situation = text }, HelpRequest.PartMaxLength, 4) { Step = 0, Property = nameof(HelpRequest.Situation) };

    public static readonly CoachedPart<DraftContent> Signal = new(
        "signal", "Your request, said plainly",
        "One clear sentence that asks for help. People hold back help nobody asked for.",
        "I'd really value your help with this.",
        d => d.Signal, (d, text) => d with { Signal = text }, HelpRequest.PartMaxLength) { Step = 1, Property = nameof(HelpRequest.Signal) };

    public static readonly CoachedPart<DraftContent> WhatINeed = new(
        "what", "What exactly you need",
        "The concrete task, as they would do it.",
        "Would you come by one evening next week and help us sort them into keep, sell and donate?",
        d => d.WhatINeed, (d, text) => d with { WhatINeed = text }, HelpRequest.PartMaxLength) { Step = 3, Property = nameof(HelpRequest.WhatINeed) };

    public static readonly CoachedPart<DraftContent> WhyThisPerson = new(
        "why", "Why them (optional)",
        "What you share, what they are good at or care about, and the difference their help will make.",
        "You've always been the person on this street who knows what every tool is worth.",
        d => d.WhyThisPerson, (d, text) => d with { WhyThisPerson = text }, HelpRequest.PartMaxLength) { Step = 3, Property = nameof(HelpRequest.WhyThisPerson) };

    public static readonly CoachedPart<DraftContent> Openness = new(
        "openness", "Make \"no\" easy",
        "Acknowledge their other commitments and welcome another way to help.",
        "I know you're busy with the allotment; if an evening doesn't work, a quick call would help too.",
        d => d.Openness, (d, text) => d with { Openness = text }, HelpRequest.PartMaxLength) { Step = 4, Property = nameof(HelpRequest.Openness) };

    public static readonly CoachedPart<DraftContent> Message = new(
        "message", "The message",
        "Edit the whole message as it will be sent. The coach keeps checking as you type.",
        "",
        d => d.ComposedText, (d, text) => d with { ComposedText = text }, HelpRequest.ComposedTextMaxLength, 12)
    {
        Step = ReviewStep, Property = nameof(HelpRequest.ComposedText),
    };

    public static readonly IReadOnlyList<CoachedPart<DraftContent>> All = [Situation, Signal, WhatINeed, WhyThisPerson, Openness, Message];
}
