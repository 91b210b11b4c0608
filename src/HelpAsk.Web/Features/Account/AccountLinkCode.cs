using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace HelpAsk.Web.Features.Account;

/// <summary>
/// The codes Identity puts in emailed links (confirm, reset, change email), written base64url so they survive a URL.
/// A link comes back as anyone typed or mangled it: a code that is not base64url is an invalid link, never an error page.
/// </summary>
public static class AccountLinkCode
{
    public static string Encode(string code) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(code));

    /// <summary>Identity's code, or null when the link's code is not one that <see cref="Encode"/> could have written.</summary>
    public static string? Decode(string? linkCode)
    {
        if (string.IsNullOrEmpty(linkCode))
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(linkCode));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
