using System.Text.Json;
using System.Text.RegularExpressions;
using HelpAsk.Core.Analysis;
using HelpAsk.Core.Analysis.Engine;

namespace HelpAsk.Core.Tests.Analysis;

/// <summary>
/// The word table reads most words with vector instructions and the rest one character at a time;
/// both must read every word alike. A word with fewer than sixteen characters left after its start
/// is always read one character at a time, so the same word read at the end of a text and read
/// before a long tail compares the two ways.
/// </summary>
public sealed partial class WordTableTests
{
    private const string Tail = " and then some more words after it.";

    private static readonly WordTable Table = RuleCatalog.Default.Vocabulary.Table;

    [Fact]
    public void Every_known_form_and_its_variants_read_alike_both_ways()
    {
        var words = RuleCatalog.Default.Vocabulary.SurfaceForms.Concat(CorpusWords()).Distinct().ToList();
        Assert.True(words.Count > 1_000, $"{words.Count} words");

        foreach (var word in words.SelectMany(Variants))
        {
            AssertReadAlike(word);
        }
    }

    [Theory]
    [InlineData("everyone's", "everyone")]
    [InlineData("Everyone’s", "everyone")]
    [InlineData("FRIEND'S", "friend")]
    public void A_possessive_reads_as_its_noun(string possessive, string noun)
    {
        Assert.Equal(Ids(noun + Tail), Ids(possessive + Tail));
        Assert.Equal(Ids(noun), Ids(possessive));
        Assert.NotEqual([Vocabulary.Other], Ids(noun));
    }

    [Fact]
    public void A_word_longer_than_a_key_is_known_only_when_every_letter_matches()
    {
        var longForms = RuleCatalog.Default.Vocabulary.SurfaceForms.Where(f => f.Length is > 10 and < 15 && f.All(char.IsLetter)).ToList();
        Assert.NotEmpty(longForms);

        foreach (var form in longForms)
        {
            // Same last ten letters, so the same packed key: only the letter-by-letter check tells them apart.
            var impostor = "q" + form[1..];
            Assert.NotEqual([Vocabulary.Other], Ids(form + Tail));
            Assert.Equal([Vocabulary.Other], Ids(impostor + Tail));
            Assert.Equal([Vocabulary.Other], Ids(impostor));
        }
    }

    [Theory]
    [InlineData("won't", 5)]
    [InlineData("wits' end", 4)]
    [InlineData("café's menu", 6)]
    [InlineData("l’été est", 5)]
    [InlineData("don't", 5)]
    [InlineData("it's-fine", 4)]
    public void A_word_ends_where_its_letters_and_inner_apostrophes_end(string text, int length)
    {
        Assert.Equal(length, Table.ReadWord(text + Tail, 0, out _));
        Assert.Equal(length, Table.ReadWord(text, 0, out _));
    }

    private static IEnumerable<string> Variants(string word)
    {
        yield return word;
        yield return word.ToUpperInvariant();
        yield return char.ToUpperInvariant(word[0]) + word[1..];
        yield return word.Replace('\'', '’');
        yield return word.Replace('\'', 'ʼ');
        yield return word + "'s";
        yield return word + "’s";
        yield return word + "s";
        yield return word + "é";
        yield return word + "'";
        yield return word + "'9";
        yield return word + "7";
        yield return "é" + word;
        yield return word + word;
    }

    private static void AssertReadAlike(string word)
    {
        var (vectorEnd, vectorIds) = Read(word + Tail);
        var (characterEnd, characterIds) = Read(word);
        Assert.True(vectorEnd == characterEnd, $"\"{word}\" ends at {vectorEnd} read before a tail, at {characterEnd} alone");
        Assert.True(vectorIds.SequenceEqual(characterIds), $"\"{word}\" reads as [{string.Join(", ", vectorIds)}] before a tail, [{string.Join(", ", characterIds)}] alone");
    }

    private static (int End, int[] Ids) Read(string text)
    {
        var end = Table.ReadWord(text, 0, out var words);
        return (end, Table.IdsOf(words).ToArray());
    }

    private static int[] Ids(string text) => Read(text).Ids;

    private static IEnumerable<string> CorpusWords()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Analysis", "labelled-messages.jsonl");
        foreach (var line in File.ReadLines(path).Where(l => l.Length > 0))
        {
            var text = JsonDocument.Parse(line).RootElement.GetProperty("text").GetString()!;
            foreach (System.Text.RegularExpressions.Match word in WordPattern().Matches(text))
            {
                yield return word.Value;
            }
        }
    }

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}'’]*")]
    private static partial Regex WordPattern();
}
