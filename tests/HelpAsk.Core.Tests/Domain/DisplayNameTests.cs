using HelpAsk.Core.Domain;

namespace HelpAsk.Core.Tests.Domain;

public sealed class DisplayNameTests
{
    [Theory]
    [InlineData("Priya Shah")]
    [InlineData("José Álvarez-Núñez")]
    [InlineData("O'Brien, Siobhán")]
    [InlineData("王小明")]
    [InlineData("Dr. Ada \"Ace\" Okafor <3")]
    public void Ordinary_names_in_any_script_and_with_punctuation_are_accepted(string name) =>
        Assert.Null(DisplayName.Problem(name));

    [Theory]
    [InlineData("", "Enter your name")]
    [InlineData("   ", "Enter your name")]
    [InlineData("Priya\r\nBcc: all@example.org", "no line breaks")]
    [InlineData("Priya\tShah\u0007", "no line breaks")]
    [InlineData("Priya\u202Ehahs", "no line breaks")]
    [InlineData("Priya\u2028Shah", "no line breaks")]
    [InlineData("priya@example.org", "rather than an email address")]
    public void Blank_multi_line_disguised_and_address_like_names_are_refused_with_a_reason(string name, string reason) =>
        Assert.Contains(reason, DisplayName.Problem(name), StringComparison.Ordinal);

    [Fact]
    public void A_name_over_the_limit_is_refused() =>
        Assert.Contains("under 60 characters", DisplayName.Problem(new string('a', DisplayName.MaxLength + 1)), StringComparison.Ordinal);

    [Fact]
    public void Spaces_are_trimmed_and_runs_of_them_become_one() =>
        Assert.Equal("Priya Shah", DisplayName.Normalize("  Priya \u00A0  Shah "));

    [Fact]
    public void The_sender_is_named_via_the_app_and_a_missing_or_unusable_name_sends_as_the_app_alone()
    {
        Assert.Equal("Priya Shah via HelpAsk", DisplayName.SenderName(" Priya  Shah ", "HelpAsk"));
        Assert.Equal("HelpAsk", DisplayName.SenderName(null, "HelpAsk"));
        Assert.Equal("HelpAsk", DisplayName.SenderName("Priya\nShah", "HelpAsk"));
    }

    [Fact]
    public void The_message_is_signed_with_the_askers_first_name_and_left_unsigned_without_one()
    {
        var parts = new MessageParts("We move on Saturday.", "Could you help?", "", null, "", "", "");

        Assert.EndsWith("Thank you,\nPriya", RequestMessage.Compose(parts, "Sam Jones", "Priya Shah"), StringComparison.Ordinal);
        Assert.EndsWith("Thank you,", RequestMessage.Compose(parts, "Sam Jones", null), StringComparison.Ordinal);
        Assert.EndsWith("Thank you,", RequestMessage.Compose(parts, "Sam Jones", "Pri\nya"), StringComparison.Ordinal);
    }
}
