using System.Text;

namespace HelpAsk.Core.Domain;

/// <summary>Puts the guided parts of a thank-you note together: a greeting by name, the parts, a sign-off.</summary>
public static class ThanksMessage
{
    public static string Compose(ThankYouNoteParts parts, string? helperName)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var text = new StringBuilder();
        text.Append(string.IsNullOrWhiteSpace(helperName) ? "Hi," : $"Hi {RequestMessage.FirstName(helperName)},").Append("\n\n");
        foreach (var part in new[] { parts.WhatTheyDid, parts.WhatItCost, parts.DifferenceItMade })
        {
            if (!string.IsNullOrWhiteSpace(part))
            {
                text.Append(part.Trim()).Append("\n\n");
            }
        }

        text.Append("With thanks,");
        return text.ToString();
    }
}
