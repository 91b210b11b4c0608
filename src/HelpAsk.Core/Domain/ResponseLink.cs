using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace HelpAsk.Core.Domain;

/// <summary>
/// A helper's personal link to the answer page of one request. Only a hash of its token is stored,
/// so a copy of the database cannot be used to answer in someone's name.
/// </summary>
public sealed class ResponseLink
{
    /// <summary>32 random bytes, base64url: 43 characters.</summary>
    public const int TokenLength = 43;
    private const int TokenBytes = 32;

    private ResponseLink()
    {
    }

    public Guid Id { get; private init; }
    public Guid HelpRequestId { get; private init; }
    public string TokenHash { get; private init; } = "";
    public DateTime CreatedAt { get; private init; }
    public DateTime ExpiresAt { get; private init; }
    public DateTime? RevokedAt { get; private set; }

    /// <summary>Makes a new link for a request and returns it with its token, which is never stored.</summary>
    public static (ResponseLink Link, string Token) Issue(Guid helpRequestId, DateTime now, TimeSpan lifetime)
    {
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(TokenBytes));
        var link = new ResponseLink
        {
            Id = Guid.CreateVersion7(),
            HelpRequestId = helpRequestId,
            TokenHash = Hash(token),
            CreatedAt = now,
            ExpiresAt = now + lifetime,
        };
        return (link, token);
    }

    /// <summary>The stored form of a token; null for anything that cannot be a token, so it is never looked up.</summary>
    public static string? HashOrNull(string? token) =>
        token is { Length: TokenLength } && token.All(IsBase64UrlChar) ? Hash(token) : null;

    public bool IsUsableAt(DateTime now) => RevokedAt is null && now < ExpiresAt;

    public void Revoke(DateTime now) => RevokedAt ??= now;

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token)));

    private static bool IsBase64UrlChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_';
}
