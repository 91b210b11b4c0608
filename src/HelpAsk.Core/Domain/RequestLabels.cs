using System.Text.RegularExpressions;

namespace HelpAsk.Core.Domain;

/// <summary>
/// Short forms of a request: the subject the helper receives (from the request's own words; the title is private
/// to the asker) and the label a request is listed under when it has no title yet.
/// </summary>
public static partial class RequestLabels
{
    public const string FallbackSubject = "Could I ask for your help?";
    public const string EmptyDraft = "Empty draft";
    private const int SubjectLength = 80;
    private const int PreviewLength = 60;

    /// <summary>The first sentence of the concrete ask (or of the signal, or the situation), cut at a word.</summary>
    public static string Subject(MessageParts parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var source = new[] { parts.WhatINeed, parts.Signal, parts.Situation }.FirstOrDefault(t => !string.IsNullOrWhiteSpace(t));
        return source is null ? FallbackSubject : Shorten(FirstSentence().Match(OneLine(source)).Value, SubjectLength);
    }

    /// <summary>The private title a draft gets when the composer finishes without one: who it asks, if anyone yet.</summary>
    public static string DefaultTitle(string? helperName) =>
        string.IsNullOrWhiteSpace(helperName) ? "Request for help" : $"Request to {helperName.Trim()}";

    /// <summary>The title, or a preview of the first words written, or "Empty draft".</summary>
    public static string Label(string? title, string? firstWords) =>
        !string.IsNullOrWhiteSpace(title) ? title.Trim()
        : !string.IsNullOrWhiteSpace(firstWords) ? Shorten(OneLine(firstWords), PreviewLength)
        : EmptyDraft;

    private static string OneLine(string text) => Whitespace().Replace(text, " ").Trim();

    private static string Shorten(string text, int length)
    {
        text = text.Trim();
        if (text.Length <= length)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', length - 1);
        return text[..(cut > length / 2 ? cut : length - 1)].TrimEnd(' ', ',', ';', ':') + "…";
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"^.*?([.?!](?=\s|$)|$)")]
    private static partial Regex FirstSentence();
}
