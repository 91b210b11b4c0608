using HelpAsk.Core.Text;

namespace HelpAsk.Core.Tests.Text;

public sealed class TextRepairTests
{
    [Theory]
    // Deleting an opener at the start takes its question mark with it, and the next word opens the sentence.
    [InlineData("Can you do me a favor? It'll only take a minute.", "Can you do me a favor", "", "It'll only take a minute.")]
    [InlineData("Sorry, could you help on Friday?", "Sorry", "", "Could you help on Friday?")]
    [InlineData("Hi. Can you do me a favor? could you help?", "Can you do me a favor", "", "Hi. Could you help?")]
    // Deleting a sentence at the end leaves no "?." behind.
    [InlineData("Could you do it by Thursday? It'll only take a minute.", "It'll only take a minute", "", "Could you do it by Thursday?")]
    [InlineData("Could you do it by Thursday? It'll only take a minute!", "It'll only take a minute", "", "Could you do it by Thursday?")]
    // Deleting a clause at the end keeps the sentence's full stop, not the comma before it.
    [InlineData("Could you do it by Thursday, it'll only take a minute.", "it'll only take a minute", "", "Could you do it by Thursday.")]
    // Deleting words in the middle leaves one space and no space before punctuation.
    [InlineData("I'm really sorry for asking, but could you help?", "really sorry for asking, but ", "", "I'm could you help?")]
    [InlineData("Could you, sorry, help me?", "sorry", "", "Could you, help me?")]
    [InlineData("We move on Saturday. I know you're busy but could you help?", "I know you're busy but", "", "We move on Saturday. Could you help?")]
    // A new line is a sentence start too, and keeps its line break.
    [InlineData("Hi Sam,\n\nSorry to bother you. We move on Saturday.", "Sorry to bother you.", "", "Hi Sam,\n\nWe move on Saturday.")]
    [InlineData("First line.\nsorry, second line.", "sorry", "", "First line.\nSecond line.")]
    // Replacements: capitalised at a sentence start, no doubled punctuation, one space at each seam.
    [InlineData("you have to send it today.", "you have to", "would you be able to", "Would you be able to send it today.")]
    [InlineData("Sorry. See you soon.", "Sorry", "Thank you.", "Thank you. See you soon.")]
    [InlineData("Hi all, could you help?", "Hi all", "Hi", "Hi, could you help?")]
    [InlineData("Then you must  call me.", "you must", "could you", "Then could you call me.")]
    // The whole text deleted leaves nothing, not a lone mark.
    [InlineData("Sorry!", "Sorry", "", "")]
    public void A_fix_leaves_a_well_formed_sentence(string text, string span, string replacement, string expected)
    {
        var start = text.IndexOf(span, StringComparison.Ordinal);
        Assert.Equal(expected, TextRepair.Apply(text, start, span.Length, replacement));
    }

    [Fact]
    public void A_span_outside_the_text_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => TextRepair.Apply("short", 3, 10, ""));
}

public sealed class GreetingTests
{
    [Theory]
    [InlineData("Hi all, sorry to bother you, the piano has to move.", "Sorry to bother you, the piano has to move.")]
    [InlineData("Hi, sorry to bother you.", "Sorry to bother you.")]
    [InlineData("Hello everyone! We move on Saturday.", "We move on Saturday.")]
    [InlineData("Hiking is my hobby.", "Hiking is my hobby.")]
    [InlineData("Hi", "Hi")]
    [InlineData("Hey Sam, it is me.", "Hey Sam, it is me.")]
    public void The_situation_loses_its_own_greeting_so_the_message_greets_once(string situation, string expected) =>
        Assert.Equal(expected, HelpAsk.Core.Domain.RequestMessage.WithoutGreeting(situation));

    [Fact]
    public void After_the_Hi_all_fix_the_composed_message_greets_the_helper_once()
    {
        var parts = new HelpAsk.Core.Domain.MessageParts("Hi, sorry, the piano has to move.", "Could you help?", "", null, "", "", "");
        Assert.StartsWith("Hi Maya,\n\nSorry, the piano has to move.", HelpAsk.Core.Domain.RequestMessage.Compose(parts, "Maya Lindqvist"), StringComparison.Ordinal);
    }
}
