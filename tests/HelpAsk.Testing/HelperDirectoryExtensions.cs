using HelpAsk.Core.Domain;
using HelpAsk.Web.Features.Helpers;

namespace HelpAsk.Testing;

public static class HelperDirectoryExtensions
{
    /// <summary>Adds a helper a test means to be valid; anything else stops the test with what the directory said.</summary>
    public static async Task<Helper> AddValidAsync(this HelperDirectory helpers, string name, string? email = null, string? relationship = null, string? notes = null)
    {
        ArgumentNullException.ThrowIfNull(helpers);
        return await helpers.AddAsync(name, email, relationship, notes) switch
        {
            HelperChange.Saved saved => saved.Helper,
            var other => throw new InvalidOperationException($"The helper was not saved: {other}"),
        };
    }
}
