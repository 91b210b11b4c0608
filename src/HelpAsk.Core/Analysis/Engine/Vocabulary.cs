namespace HelpAsk.Core.Analysis.Engine;

/// <summary>
/// Maps each word the rules care about to a small integer, so matching compares integers, not strings.
/// Surface forms that mean the same (contractions, British spellings) map to the same ids.
/// </summary>
internal sealed class Vocabulary
{
    public const int Other = 0;
    public const int Boundary = 1;
    public const int Punctuation = 2;
    private const int FirstWordId = 3;

    private readonly Dictionary<string, int> ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int[]> forms = new(StringComparer.Ordinal);
    private bool frozen;

    public int Count => ids.Count + FirstWordId;

    /// <summary>The id of a normalized word, adding it while the rules are being compiled.</summary>
    public int Intern(string word)
    {
        if (ids.TryGetValue(word, out var id))
        {
            return id;
        }

        if (frozen)
        {
            throw new InvalidOperationException("The vocabulary is frozen.");
        }

        id = ids.Count + FirstWordId;
        ids.Add(word, id);
        forms.TryAdd(word, [id]);
        return id;
    }

    /// <summary>A surface form read as a sequence of words ("won't" as "will not", "favour" as "favor").</summary>
    public void AddForm(string surface, string meaning)
    {
        forms[surface] = [.. meaning.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Intern)];
    }

    /// <summary>Every surface form the rules know, normalised (lower case, straight apostrophes).</summary>
    public IEnumerable<string> SurfaceForms => forms.Keys;

    public int IdOf(string word) => ids.GetValueOrDefault(word, Other);

    /// <summary>Stops adding words and builds the table the tokenizer looks words up in.</summary>
    public void Freeze()
    {
        frozen = true;
        table = new WordTable(forms);
    }

    private WordTable? table;

    /// <summary>Every known surface form, for the tokenizer; available once frozen.</summary>
    public WordTable Table => table ?? throw new InvalidOperationException("The vocabulary is not frozen yet.");

    /// <summary>The words a normalized surface form stands for, when it is a known form.</summary>
    public bool TryGetForm(string normalized, out int[] wordIds) =>
        forms.TryGetValue(normalized, out wordIds!);
}
