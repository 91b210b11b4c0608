namespace HelpAsk.Core.Analysis.Engine;

/// <summary>One word (or boundary) of a message: its vocabulary id and where it stands in the original text.</summary>
internal readonly record struct Token(int Id, int Start, int Length, bool Capitalized)
{
    public int End => Start + Length;

    public bool IsWord => Id is not (Vocabulary.Boundary or Vocabulary.Punctuation);
}
