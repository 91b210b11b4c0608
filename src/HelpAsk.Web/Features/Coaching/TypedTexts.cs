namespace HelpAsk.Web.Features.Coaching;

/// <summary>
/// The texts this tab typed into each field, by hash (the browser keeps them with its unsaved text). A stored
/// version made of these is this tab's own save that it never heard back about (the page went before the
/// answer came), not another tab's change.
/// </summary>
public sealed class TypedTexts
{
    private readonly Dictionary<string, HashSet<uint>> byField = [];

    public void Add(string field, string text) => Add(field, Hash(text));

    public void Add(string field, uint hash)
    {
        if (!byField.TryGetValue(field, out var hashes))
        {
            byField[field] = hashes = [];
        }

        hashes.Add(hash);
    }

    public bool Contains(string field, string text) => byField.TryGetValue(field, out var hashes) && hashes.Contains(Hash(text));

    /// <summary>FNV-1a over UTF-16 code units, as CoachedTextArea.razor.js computes it.</summary>
    public static uint Hash(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var hash = 0x811c9dc5u;
        foreach (var unit in text)
        {
            hash = unchecked((hash ^ unit) * 0x01000193u);
        }

        return hash;
    }
}
