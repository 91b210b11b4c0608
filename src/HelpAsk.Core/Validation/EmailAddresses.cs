using MimeKit;

namespace HelpAsk.Core.Validation;

/// <summary>
/// The one test of an email address, for accounts and helpers alike: what the mail library itself parses, strictly, as a
/// single bare address. Anything else (<c>.lead@…</c>, <c>dou..ble@…</c>, a list, a display name or angle brackets) would
/// be accepted and then fail on every send.
/// </summary>
public static class EmailAddresses
{
    public const string Message = "Mail can't be sent to that email address. Write it as name@example.org: one address, no spaces, brackets or two dots in a row.";

    private static readonly ParserOptions Strict = new()
    {
        AddressParserComplianceMode = RfcComplianceMode.Strict,
        AllowAddressesWithoutDomain = false,
        AllowUnquotedCommasInAddresses = false,
    };

    /// <summary>Blanks around the address are not part of it (the forms trim them); blanks inside are refused.</summary>
    public static bool CanReceiveEmail(string? address)
    {
        address = address?.Trim();
        if (string.IsNullOrEmpty(address) || address.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return false;
        }

        // The parsed address must be the whole text: no name, brackets or second address around it.
        if (!MailboxAddress.TryParse(Strict, address, out var mailbox) || !string.IsNullOrEmpty(mailbox.Name) || mailbox.Address != address)
        {
            return false;
        }

        var at = address.LastIndexOf('@');
        var local = address[..at];
        var domain = address[(at + 1)..];
        return IsDotAtom(local) && IsDotAtom(domain) && domain.Contains('.', StringComparison.Ordinal);
    }

    // The parser still lets through dots at the ends or doubled (some servers tolerate them on receipt; none sends to them).
    private static bool IsDotAtom(string part) =>
        part.Length > 0 && part[0] != '.' && part[^1] != '.' && !part.Contains("..", StringComparison.Ordinal);
}
