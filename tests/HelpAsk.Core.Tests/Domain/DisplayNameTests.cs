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

public sealed class RequestLabelsTests
{
    [Fact]
    public void The_subject_comes_from_the_concrete_ask_never_from_the_private_title()
    {
        var parts = new MessageParts("We move on Saturday.", "I'd be grateful for your help.", "Could you help carry the piano down on Saturday? It takes an hour.", null, "an hour", "", "");
        Assert.Equal("Could you help carry the piano down on Saturday?", RequestLabels.Subject(parts));
        Assert.Equal("I'd be grateful for your help.", RequestLabels.Subject(parts with { WhatINeed = " " }));
        Assert.Equal(RequestLabels.FallbackSubject, RequestLabels.Subject(new MessageParts("", "", "", null, "", "", "")));
        var longAsk = RequestLabels.Subject(parts with { WhatINeed = string.Join(' ', Enumerable.Repeat("carry", 40)) });
        Assert.True(longAsk.Length <= 80 && longAsk.EndsWith("carry…", StringComparison.Ordinal), longAsk);
    }

    [Fact]
    public void A_draft_finished_without_a_title_is_titled_by_whom_it_asks()
    {
        Assert.Equal("Request to Sam Jones", RequestLabels.DefaultTitle(" Sam Jones "));
        Assert.Equal("Request for help", RequestLabels.DefaultTitle(null));
        Assert.Equal("Request for help", RequestLabels.DefaultTitle(" "));
    }

    [Fact]
    public void A_request_without_a_title_is_labelled_by_its_first_words()
    {
        Assert.Equal("Piano", RequestLabels.Label(" Piano ", "We move"));
        Assert.Equal("We move flat on Saturday and the piano has to go down two…", RequestLabels.Label("", "We move flat on Saturday and the piano has to go down two flights.\nThanks"));
        Assert.Equal("Empty draft", RequestLabels.Label("", "  "));
    }
}
