using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using HelpAsk.Core.Text;

namespace HelpAsk.Core.Domain;

/// <summary>The parts of a request that go into its message.</summary>
public sealed record MessageParts(
    string Situation, string Signal, string WhatINeed, DateOnly? NeededBy, string EffortEstimate, string WhyThisPerson, string Openness);

/// <summary>
/// Puts the five parts of a request together as one message in a natural order: a greeting by name,
/// the situation, the clear ask with its specifics, why this person, openness, and a sign-off.
/// </summary>
public static partial class RequestMessage
{
    /// <param name="senderName">The asker's display name, signed under "Thank you," (their first name); none leaves the sign-off unsigned.</param>
    /// <param name="culture">The asker's culture, in which the date is written; the current culture when none.</param>
    public static string Compose(MessageParts request, string? helperName, string? senderName = null, CultureInfo? culture = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var text = new StringBuilder();
        text.Append(string.IsNullOrWhiteSpace(helperName) ? "Hi," : $"Hi {FirstName(helperName)},").Append("\n\n");

        Paragraph(text, WithoutGreeting(request.Situation));
        var ask = Sentences(request.Signal, request.WhatINeed);
        if (request.NeededBy is { } date)
        {
            ask = Sentences(ask, $"Ideally by {CultureDates.LongWithoutYear(date, culture ?? CultureInfo.CurrentCulture)}.");
        }

        if (!string.IsNullOrWhiteSpace(request.EffortEstimate))
        {
            ask = Sentences(ask, $"I'd estimate it takes {request.EffortEstimate.Trim().TrimEnd('.')}.");
        }

        Paragraph(text, ask);
        Paragraph(text, request.WhyThisPerson);
        Paragraph(text, request.Openness);
        text.Append("Thank you,");
        if (DisplayName.Problem(senderName) is null)
        {
            text.Append('\n').Append(FirstName(DisplayName.Normalize(senderName)!));
        }

        return text.ToString();
    }

    /// <summary>"Sam Jones" is greeted as "Sam"; a single word or a title ("Dr. Okafor") is kept whole.</summary>
    public static string FirstName(string name)
    {
        var trimmed = name.Trim();
        var space = trimmed.IndexOf(' ', StringComparison.Ordinal);
        return space > 0 && !trimmed[..space].EndsWith('.') ? trimmed[..space] : trimmed;
    }

    /// <summary>
    /// The message greets the helper by name, so a greeting the user began the situation with ("Hi all,", or the
    /// "Hi," a fix left) would greet them twice: it is left out.
    /// </summary>
    public static string WithoutGreeting(string situation)
    {
        ArgumentNullException.ThrowIfNull(situation);
        var greeting = LeadingGreeting().Match(situation);
        return greeting.Success && greeting.Length < situation.TrimEnd().Length
            ? TextRepair.Apply(situation, 0, greeting.Length, "")
            : situation;
    }

    [GeneratedRegex(@"^\s*(hi|hello|hey)\b( (all|everyone|everybody|there|team|folks|guys|both))?\s*[,!.:\-–]\s*", RegexOptions.IgnoreCase)]
    private static partial Regex LeadingGreeting();

    private static void Paragraph(StringBuilder text, string part)
    {
        if (!string.IsNullOrWhiteSpace(part))
        {
            text.Append(part.Trim()).Append("\n\n");
        }
    }

    private static string Sentences(string first, string second) =>
        string.IsNullOrWhiteSpace(first) ? second.Trim()
        : string.IsNullOrWhiteSpace(second) ? first.Trim()
        : $"{EndSentence(first.Trim())} {second.Trim()}";

    private static string EndSentence(string text) => text[^1] is '.' or '!' or '?' or ':' ? text : text + ".";
}
