using HelpAsk.Core.Analysis;

namespace HelpAsk.Core.Tests.Analysis;

public sealed class PitfallAnalyzerTests
{
    private static readonly PitfallAnalyzer Analyzer = new();

    private static IReadOnlyList<PitfallFinding> Request(string text, AnalyzerOptions? options = null) =>
        Analyzer.Analyze(text, MessageKind.Request, options);

    private static IReadOnlyList<PitfallFinding> Thanks(string text) => Analyzer.Analyze(text, MessageKind.Thanks);

    private static HashSet<string> Rules(IReadOnlyList<PitfallFinding> findings) => [.. findings.Select(f => f.RuleId)];

    [Fact]
    public void A_finding_points_at_the_exact_words_in_the_original_text()
    {
        const string text = "Hi Sam,\nCould you help me move on Saturday? It won’t take long.";

        var finding = Assert.Single(Request(text), f => f.RuleId == "downplaying");

        Assert.Equal("won’t take long", finding.Text);
        Assert.Equal(text.IndexOf("won’t", StringComparison.Ordinal), finding.Start);
        Assert.Equal(finding.Text, text.Substring(finding.Start, finding.Length));
        Assert.Equal(FindingKind.Pitfall, finding.Kind);
        Assert.False(string.IsNullOrWhiteSpace(finding.Why));
        Assert.NotEmpty(finding.Suggestions);
    }

    [Theory]
    [InlineData("You’re my last resort.")]
    [InlineData("You're my last resort.")]
    [InlineData("YOU ARE MY LAST RESORT.")]
    [InlineData("you‘re my last resort")]
    public void Case_and_curly_or_straight_apostrophes_do_not_matter(string text)
    {
        Assert.Contains("disclaimer", Rules(Request(text)));
    }

    [Theory]
    [InlineData("Could you do me a favour?")]
    [InlineData("Could you do me a favor?")]
    public void British_and_American_spellings_are_the_same(string opener)
    {
        Assert.Contains("vague-favor", Rules(Request(opener + " I'll explain later.")));
    }

    [Theory]
    [InlineData("I'm begging you, could you take the dog?")]
    [InlineData("I begged everyone and now I'm pleading with you: could you take the dog?")]
    public void Inflections_are_recognised(string text)
    {
        Assert.Contains("sympathy-card", Rules(Request(text)));
    }

    [Theory]
    [InlineData("I'm not desperate, but could you take the dog on Friday?")]
    [InlineData("I am never desperate for help, but could you take the dog on Friday?")]
    public void A_negated_phrase_is_not_flagged(string text)
    {
        Assert.DoesNotContain("sympathy-card", Rules(Request(text)));
    }

    [Fact]
    public void You_do_not_have_to_is_openness_not_pressure()
    {
        Assert.DoesNotContain("pressure", Rules(Request("You don't have to say yes, but could you water the plants?")));
        Assert.Contains("pressure", Rules(Request("You have to water the plants.")));
    }

    [Fact]
    public void Impact_is_not_praised_in_a_message_warned_about_the_same_words()
    {
        Assert.Contains("impact", Rules(Request("Could you lend me the van on Saturday? It would let me finally move out.")));

        var desperate = Rules(Request("I'm at my wits' end and everything is falling apart. Could you lend me the van on Saturday? It would let me finally move out."));
        var aboutMe = Rules(Thanks("Thanks for fixing the boiler. I'm so relieved, I can finally relax and my week is back on track."));

        Assert.Contains("sympathy-card", desperate);
        Assert.DoesNotContain("impact", desperate);
        Assert.Contains("about-me-thanks", aboutMe);
        Assert.DoesNotContain("impact", aboutMe);
    }

    [Fact]
    public void You_have_to_try_is_a_recommendation_not_pressure()
    {
        Assert.Empty(Request("You have to try the new bakery. Could I borrow your table on Sunday?"));
    }

    [Theory]
    [InlineData("You should check out the new pho place on King Street. Could you water my plants on Monday?")]
    [InlineData("Go and see the lantern show if you get a chance. Could I borrow your ladder on Saturday?")]
    public void A_recommendation_before_an_unrelated_ask_is_no_last_resort(string text)
    {
        // Worded unlike the recommendations in ConstructionTests.HarmlessUses, which the model learns from: the whole
        // analyzer, the model included, must not take trying or seeing something for having tried everyone else.
        Assert.Empty(Request(text));
    }

    [Fact]
    public void One_apology_is_polite_two_are_too_many()
    {
        Assert.Empty(Request("Sorry for the short notice: could you cover at 2?"));

        var findings = Request("Sorry for the short notice, and sorry again: could you cover at 2?");

        Assert.Equal(2, findings.Count(f => f.RuleId == "over-apologizing"));
    }

    [Fact]
    public void Sorry_to_hear_is_sympathy_for_them_not_an_apology()
    {
        Assert.Empty(Request("So sorry to hear about your dad. Sorry to add to your inbox - could you send the keys?"));
    }

    [Fact]
    public void Repeated_sorry_counts_every_time()
    {
        var findings = Request("sorry, so sorry, could you hold my parcel?");

        Assert.Equal(2, findings.Count(f => f.RuleId == "over-apologizing"));
    }

    [Fact]
    public void Deleting_one_of_two_apologies_as_suggested_clears_the_pitfall()
    {
        const string text = "Sorry, so sorry, could you hold my parcel?";
        var first = Request(text).First(f => f.RuleId == "over-apologizing");
        var delete = Assert.Single(first.Suggestions, s => s.DeletesSpan);

        var fixedText = text.Remove(first.Start, first.Length).Insert(first.Start, delete.Replacement);

        Assert.DoesNotContain("over-apologizing", Rules(Request(fixedText)));
    }

    [Fact]
    public void A_favor_opener_followed_at_once_by_the_concrete_ask_is_fine()
    {
        Assert.Empty(Request("Could you do me a favor and feed the cat on Sunday?"));
        Assert.Empty(Request("Can I ask a favour? Could you sign for a parcel tomorrow between 9 and 12?"));
        Assert.Contains("vague-favor", Rules(Request("Can I ask a favour? Call me when you're free.")));
    }

    [Fact]
    public void Hi_all_followed_by_an_ask_to_one_named_person_is_fine()
    {
        Assert.DoesNotContain("group-ask", Rules(Request("Hi all, Priya, could you take the minutes today?")));
        Assert.Contains("group-ask", Rules(Request("Hi all, could someone take the minutes today?")));
    }

    [Fact]
    public void Just_meaning_recently_is_not_downplaying()
    {
        Assert.Empty(Request("I just started at the clinic. Could you show me the rota on Friday?"));
        Assert.Contains("downplaying", Rules(Request("Could you take just a quick look at the rota?")));
    }

    [Fact]
    public void Rules_apply_only_to_their_kind_of_message()
    {
        Assert.DoesNotContain("group-ask", Rules(Thanks("Hi all, thank you for the flowers!")));
        Assert.DoesNotContain("quid-pro-quo", Rules(Thanks("Thanks for the lift! I owe you one.")));
        Assert.DoesNotContain("about-me-thanks", Rules(Request("I'm so relieved you might help. Could you drive on Friday?")));
    }

    [Fact]
    public void A_thank_you_about_the_writer_is_flagged_and_one_about_the_helper_is_not()
    {
        Assert.Contains("about-me-thanks", Rules(Thanks("Thanks for the lift! I'm so relieved, I was so stressed and now I can finally relax.")));
        Assert.DoesNotContain("about-me-thanks", Rules(Thanks("Thank you for driving me at 5am. You gave up your lie-in, and I'm relieved you did: because of you I made the interview.")));
    }

    [Fact]
    public void What_someone_went_on_to_achieve_is_impact_in_thanks_only()
    {
        const string text = "Thank you for coaching Ella. She came second in the county.";

        Assert.Contains("impact", Rules(Thanks(text)));
        Assert.DoesNotContain("impact", Rules(Request("She came second in the county. Could you coach her again in May?")));
    }

    [Fact]
    public void Strengths_are_positive_findings()
    {
        var finding = Assert.Single(Request("As fellow parents, could you take Leo on Monday?"), f => f.RuleId == "in-group");

        Assert.Equal(FindingKind.Strength, finding.Kind);
        Assert.Equal(FindingSeverity.Positive, finding.Severity);
    }

    [Fact]
    public void A_disabled_rule_is_never_reported()
    {
        var options = new AnalyzerOptions { DisabledRules = new HashSet<string> { "downplaying" } };

        Assert.Empty(Request("Could you take a quick look? It won't take long.", options));
    }

    [Fact]
    public void An_allowed_phrase_is_never_flagged()
    {
        var options = new AnalyzerOptions { AllowedPhrases = ["won't take long"] };

        var findings = Request("It won't take long, but it's only a quick look.", options);

        Assert.DoesNotContain(findings, f => f.Text == "won't take long");
        Assert.Contains(findings, f => f.RuleId == "downplaying");
    }

    [Fact]
    public void An_ignored_occurrence_stays_ignored_while_the_rest_of_the_text_changes()
    {
        const string sentence = "It won't take long.";
        var ignored = Request(sentence).Single();
        var options = new AnalyzerOptions
        {
            IgnoredOccurrences = [new IgnoredOccurrence(ignored.RuleId, ignored.Text, PitfallAnalyzer.SentenceAround(sentence, ignored.Start))],
        };

        Assert.Empty(Request("Hi Sam. Could you move the sofa? " + sentence, options));
        Assert.Single(Request("Hi Sam. Could you move the sofa? It won't take long at all.", options));
    }

    [Fact]
    public void A_personal_phrase_is_flagged_under_the_chosen_rule_as_plain_words()
    {
        var options = new AnalyzerOptions { PersonalPhrases = [new PersonalPhrase("over-apologizing", "mea culpa (again)")] };

        Assert.Empty(Request("mea culpa again", options));
        var findings = Request("Ugh, MEA CULPA (again)! And sorry: could you resend it?", options);

        Assert.Equal(2, findings.Count(f => f.RuleId == "over-apologizing"));
    }

    [Fact]
    public void Where_a_personal_phrase_finds_its_rule_the_model_withdraws_none_of_that_rules_findings()
    {
        // The model does not know "mea culpa" for an apology and puts over-apologizing under its veto in this message;
        // withdrawing "sorry" would leave one apology, under the rule's two, and hide the user's own phrase too.
        var options = new AnalyzerOptions { PersonalPhrases = [new PersonalPhrase("over-apologizing", "mea culpa")] };

        var findings = Request("Mea culpa, sorry! It won't take long. You have to come.", options);

        Assert.Equal(2, findings.Count(f => f.RuleId == "over-apologizing"));
    }

    [Fact]
    public void Text_that_looks_like_markup_is_just_text()
    {
        const string text = "<script>alert('sorry')</script> <img src=x onerror=alert(1)> Sorry again!";

        var findings = Request(text);

        Assert.All(findings, f => Assert.Equal(f.Text, text.Substring(f.Start, f.Length)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\n  ")]
    [InlineData("?!.,;:")]
    [InlineData("Dr. Mr. Mrs. no. 5 2.5 … — – ’ ‘")]
    public void Text_without_words_yields_nothing(string text)
    {
        Assert.Empty(Request(text));
    }

    [Theory]
    [InlineData("Sure")]
    [InlineData("Yes")]
    [InlineData("Lunch?")]
    [InlineData("Cheers mate")]
    [InlineData("Does")]
    public void A_word_or_two_is_too_little_for_the_learned_model_to_flag(string text)
    {
        // The words the composer holds as someone starts typing: too little to judge a message by, yet one word can weigh
        // a lot alone (without this guard "Does", which opens many group asks, lifted group-ask past its lift).
        Assert.Empty(Request(text));
    }

    [Theory]
    [InlineData("Blorp qwix zork")]
    [InlineData("Zork blorp qwix fnord glim")]
    public void Words_the_learned_model_never_saw_give_it_no_evidence(string text)
    {
        Assert.Empty(Request(text));
    }

    [Fact]
    public void A_very_long_word_does_not_break_the_analysis()
    {
        var text = new string('a', 10_000) + " you owe me";

        Assert.Contains("keeping-score", Rules(Request(text)));
    }

    [Fact]
    public void Findings_are_in_text_order()
    {
        var findings = Request("Hi all! Could anyone help? You owe me. Won't take long.");

        Assert.Equal(findings.OrderBy(f => f.Start).Select(f => f.Start), findings.Select(f => f.Start));
    }

    [Fact]
    public void Each_finding_quotes_its_own_words_however_many_distinct_phrases_came_before()
    {
        // More distinct flagged phrases than the analyzer keeps for reuse, each cased as written.
        var words = Enumerable.Range(0, 1_500).Select(i => $"Zork{i}").ToList();
        var options = new AnalyzerOptions { PersonalPhrases = [.. words.Select(w => new PersonalPhrase("pressure", w))] };

        for (var round = 0; round < 2; round++)
        {
            var text = string.Join(" and ", words) + ". ZORK7 again.";
            var findings = Request(text, options).Where(f => f.RuleId == "pressure").ToList();

            Assert.Equal(words.Count + 1, findings.Count);
            Assert.All(findings, f => Assert.Equal(text.Substring(f.Start, f.Length), f.Text));
            Assert.Equal("ZORK7", findings[^1].Text);
        }
    }

    [Fact]
    public void The_analyzer_is_safe_to_share_between_threads()
    {
        const string text = "Sorry, so sorry - could you do me a favor? I'm desperate. You owe me.";
        var expected = Rules(Request(text));

        var results = Enumerable.Range(0, 64).AsParallel().Select(_ => Rules(Request(text))).ToList();

        Assert.All(results, r => Assert.Equal(expected, r));
    }
}
