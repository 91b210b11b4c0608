using HelpAsk.Core.Analysis;
using HelpAsk.Core.Domain;
using HelpAsk.Core.Validation;
using HelpAsk.Testing;
using HelpAsk.Web.Features.Coaching;
using HelpAsk.Web.Features.Helpers;
using HelpAsk.Web.Features.Requests;
using Microsoft.Extensions.DependencyInjection;

namespace HelpAsk.Web.Tests.Integration;

/// <summary>Drafts and coaching settings on a real SQLite file: autosave, conflicts, isolation.</summary>
public sealed class DraftTests : TwoAccountsTest
{
    private static DraftContent Content(string situation = "", Guid? helperId = null, string composed = "") =>
        new("Couch move", helperId, situation, "", "", null, "", "", "", composed);

    [Fact]
    public async Task An_autosave_is_there_when_the_draft_is_opened_again()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var requests = App.ServiceFor<RequestStore>(Alice, scope);
        var draft = await requests.StartDraftAsync();

        var saved = Assert.IsType<DraftSave<DraftContent>.Saved>(await requests.SaveDraftAsync(draft.Id, draft.Version, Content("The couch won't fit.") with { NeededBy = new DateOnly(2026, 12, 5) }));

        await using var later = App.Services.CreateAsyncScope();
        var reopened = await App.ServiceFor<RequestStore>(Alice, later).FindAsync(draft.Id);
        Assert.NotNull(reopened);
        Assert.Equal("The couch won't fit.", reopened.Situation);
        Assert.Equal(new DateOnly(2026, 12, 5), reopened.NeededBy);
        Assert.Equal(saved.Version, reopened.Version);
        Assert.NotEqual(draft.Version, saved.Version);
    }

    [Fact]
    public async Task The_step_a_draft_was_left_on_is_remembered_for_its_owner_only_and_is_not_an_edit()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var requests = App.ServiceFor<RequestStore>(Alice, scope);
        var draft = await requests.StartDraftAsync();
        Assert.Null(draft.ComposerStep);

        await requests.RememberStepAsync(draft.Id, 3);
        await App.ServiceFor<RequestStore>(Bob, scope).RememberStepAsync(draft.Id, 1);

        var reopened = (await requests.FindAsync(draft.Id))!;
        Assert.Equal(3, reopened.ComposerStep);
        Assert.Equal(draft.Version, reopened.Version);
        Assert.IsType<DraftSave<DraftContent>.Saved>(await requests.SaveDraftAsync(draft.Id, draft.Version, Content("Saved from a tab that never moved.")));
    }

    [Fact]
    public async Task A_draft_left_empty_is_discarded_and_one_with_anything_in_it_is_kept()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var requests = App.ServiceFor<RequestStore>(Alice, scope);
        var empty = await requests.StartDraftAsync();
        var started = await requests.StartDraftAsync();
        await requests.SaveDraftAsync(started.Id, started.Version, Content() with { Title = "", Openness = "No rush." });

        Assert.False(await App.ServiceFor<RequestStore>(Bob, scope).DiscardIfEmptyAsync(empty.Id));
        Assert.True(await requests.DiscardIfEmptyAsync(empty.Id));
        Assert.False(await requests.DiscardIfEmptyAsync(started.Id));

        Assert.Equal([started.Id], (await requests.ListAsync(new RequestFilter())).Select(r => r.Id));
    }

    [Fact]
    public async Task Two_tabs_never_silently_overwrite_each_other()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var requests = App.ServiceFor<RequestStore>(Alice, scope);
        var draft = await requests.StartDraftAsync();
        var firstTab = draft.Version;
        var secondTab = draft.Version;

        Assert.IsType<DraftSave<DraftContent>.Saved>(await requests.SaveDraftAsync(draft.Id, firstTab, Content("Written in the first tab")));
        var clash = Assert.IsType<DraftSave<DraftContent>.Conflict>(await requests.SaveDraftAsync(draft.Id, secondTab, Content("Written in the second tab")));

        Assert.Equal("Written in the first tab", clash.Current!.Situation);
        Assert.Equal("Written in the first tab", (await requests.FindAsync(draft.Id))!.Situation);

        // Choosing "keep mine" saves over the version that was seen.
        Assert.IsType<DraftSave<DraftContent>.Saved>(await requests.SaveDraftAsync(draft.Id, clash.Version, Content("Written in the second tab")));
        Assert.Equal("Written in the second tab", (await requests.FindAsync(draft.Id))!.Situation);
    }

    [Fact]
    public async Task Over_long_parts_are_refused_with_a_message_and_nothing_is_stored()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var requests = App.ServiceFor<RequestStore>(Alice, scope);
        var draft = await requests.StartDraftAsync();

        var invalid = Assert.IsType<DraftSave<DraftContent>.Invalid>(await requests.SaveDraftAsync(draft.Id, draft.Version, Content(new string('x', HelpRequest.PartMaxLength + 1))));

        Assert.Contains("situation", invalid.Outcome.ErrorFor(nameof(HelpRequest.Situation)), StringComparison.Ordinal);
        Assert.Equal("", (await requests.FindAsync(draft.Id))!.Situation);
    }

    [Fact]
    public async Task A_draft_cannot_name_another_accounts_helper()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var bobsHelper = await App.ServiceFor<HelperDirectory>(Bob, scope).AddValidAsync("Bea");
        var requests = App.ServiceFor<RequestStore>(Alice, scope);
        var draft = await requests.StartDraftAsync();

        var invalid = Assert.IsType<DraftSave<DraftContent>.Invalid>(await requests.SaveDraftAsync(draft.Id, draft.Version, Content(helperId: bobsHelper.Id)));

        Assert.Equal("Choose one of your helpers.", invalid.Outcome.ErrorFor(nameof(HelpRequest.HelperId)));
    }

    [Fact]
    public async Task Another_account_cannot_list_save_delete_or_restore_my_drafts()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var mine = App.ServiceFor<RequestStore>(Alice, scope);
        var theirs = App.ServiceFor<RequestStore>(Bob, scope);
        var draft = await mine.StartDraftAsync("Alice's draft");

        Assert.Empty(await theirs.ListAsync(new RequestFilter()));
        Assert.IsType<DraftSave<DraftContent>.NotFound>(await theirs.SaveDraftAsync(draft.Id, draft.Version, Content("hijacked")));
        Assert.False(await theirs.DeleteDraftAsync(draft.Id));
        Assert.True(await mine.DeleteDraftAsync(draft.Id));
        Assert.False(await theirs.RestoreDraftAsync(draft.Id));
        Assert.True(await mine.RestoreDraftAsync(draft.Id));
        Assert.Equal("", (await mine.FindAsync(draft.Id))!.Situation);
    }

    [Fact]
    public async Task A_deleted_draft_leaves_the_list_and_comes_back_on_undo()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var requests = App.ServiceFor<RequestStore>(Alice, scope);
        var draft = await requests.StartDraftAsync("Keep me");

        await requests.DeleteDraftAsync(draft.Id);
        Assert.Empty(await requests.ListAsync(new RequestFilter()));
        Assert.Null(await requests.FindAsync(draft.Id));

        await requests.RestoreDraftAsync(draft.Id);
        Assert.Equal("Keep me", Assert.Single(await requests.ListAsync(new RequestFilter())).Title);
    }

    [Fact]
    public async Task The_list_filters_by_status_helper_and_words()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var requests = App.ServiceFor<RequestStore>(Alice, scope);
        var sam = await App.ServiceFor<HelperDirectory>(Alice, scope).AddValidAsync("Sam");
        var couch = await requests.StartDraftAsync();
        await requests.SaveDraftAsync(couch.Id, couch.Version, Content("The couch needs to go upstairs", sam.Id) with { Title = "Couch" });
        var plants = await requests.StartDraftAsync();
        await requests.SaveDraftAsync(plants.Id, plants.Version, Content("Plants need water") with { Title = "Plants" });

        Assert.Equal(2, (await requests.ListAsync(new RequestFilter(Status: RequestStatus.Draft))).Count);
        Assert.Empty(await requests.ListAsync(new RequestFilter(Status: RequestStatus.Sent)));
        Assert.Equal("Couch", Assert.Single(await requests.ListAsync(new RequestFilter(HelperId: sam.Id))).Title);
        Assert.Equal("Plants", Assert.Single(await requests.ListAsync(new RequestFilter(Search: "water"))).Title);
        Assert.Equal("Couch", Assert.Single(await requests.ListAsync(new RequestFilter(Search: "sam"))).Title);
    }

    [Fact]
    public async Task The_list_reads_one_page_newest_first_and_says_how_many_match_in_all()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var requests = App.ServiceFor<RequestStore>(Alice, scope);
        for (var i = 1; i <= 7; i++)
        {
            await requests.StartDraftAsync($"Draft {i}");
        }

        var first = await requests.PageAsync(new RequestFilter(), page: 1, pageSize: 3);
        var last = await requests.PageAsync(new RequestFilter(), page: 3, pageSize: 3);

        Assert.Equal(["Draft 7", "Draft 6", "Draft 5"], first.Rows.Select(r => r.Title));
        Assert.Equal(["Draft 1"], last.Rows.Select(r => r.Title));
        Assert.Equal((7, 7), (first.Total, last.Total));
        Assert.Equal(0, (await App.ServiceFor<RequestStore>(Bob, scope).PageAsync(new RequestFilter(), 1, 3)).Total);
    }

    [Theory]
    [InlineData("%", "50% off the flyers")]
    [InlineData("_", "file_name.txt won't open")]
    [InlineData("\\", "C:\\ is full")]
    public async Task Search_takes_percent_underscore_and_backslash_as_typed_not_as_wildcards(string typed, string onlyMatch)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var requests = App.ServiceFor<RequestStore>(Alice, scope);
        foreach (var title in new[] { "50% off the flyers", "file_name.txt won't open", "C:\\ is full", "Plants need water" })
        {
            await requests.StartDraftAsync(title);
        }

        Assert.Equal([onlyMatch], (await requests.ListAsync(new RequestFilter(Search: typed))).Select(r => r.Title));
    }

    [Fact]
    public async Task Coaching_settings_are_kept_per_account_and_feed_the_analyzer()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var alices = App.ServiceFor<CoachingSettings>(Alice, scope);
        await alices.DisableRuleAsync("downplaying");
        await alices.AllowPhraseAsync("sorry again");
        await alices.AddPersonalPhraseAsync("over-apologizing", "mea culpa");
        await alices.IgnoreAsync(new IgnoredOccurrence("pressure", "you have to", "You have to come."));

        var preferences = await alices.GetAsync();
        var bobs = await App.ServiceFor<CoachingSettings>(Bob, scope).GetAsync();

        Assert.Equal(["downplaying"], preferences.DisabledRules);
        Assert.Equal(["sorry again"], preferences.AllowedPhrases);
        Assert.Equal(new PersonalPhrase("over-apologizing", "mea culpa"), Assert.Single(preferences.PersonalPhrases));
        Assert.Single(preferences.IgnoredOccurrences);
        Assert.Empty(bobs.DisabledRules);
        Assert.Empty(bobs.AllowedPhrases);
        Assert.Empty(bobs.PersonalPhrases);
        Assert.Empty(bobs.IgnoredOccurrences);

        var analyzer = scope.ServiceProvider.GetRequiredService<PitfallAnalyzer>();
        var findings = analyzer.Analyze("Mea culpa, sorry! It won't take long. You have to come.", MessageKind.Request, preferences.ToAnalyzerOptions());
        Assert.Equal(["over-apologizing", "over-apologizing"], findings.Select(f => f.RuleId));
    }

    [Fact]
    public async Task Coaching_choices_can_be_undone()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var settings = App.ServiceFor<CoachingSettings>(Alice, scope);
        var ignored = new IgnoredOccurrence("pressure", "you have to", "You have to come.");
        await settings.DisableRuleAsync("downplaying");
        await settings.AllowPhraseAsync("sorry again");
        await settings.AddPersonalPhraseAsync("over-apologizing", "mea culpa");
        await settings.IgnoreAsync(ignored);

        await settings.EnableRuleAsync("downplaying");
        await settings.RemoveAllowedPhraseAsync("sorry again");
        await settings.RemovePersonalPhraseAsync(new PersonalPhrase("over-apologizing", "mea culpa"));
        await settings.UnignoreAsync(ignored);

        var preferences = await settings.GetAsync();
        Assert.Empty(preferences.DisabledRules);
        Assert.Empty(preferences.AllowedPhrases);
        Assert.Empty(preferences.PersonalPhrases);
        Assert.Empty(preferences.IgnoredOccurrences);
    }

    [Fact]
    public async Task A_bad_personal_phrase_gets_a_clear_message()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var settings = App.ServiceFor<CoachingSettings>(Alice, scope);

        var blank = await settings.AddPersonalPhraseAsync("over-apologizing", "  !! ");
        var unknown = await settings.AddPersonalPhraseAsync("no-such-rule", "hello");
        var tooLong = await settings.AllowPhraseAsync(new string('a', 201));

        Assert.Contains("Type the words", blank.ErrorFor(nameof(PersonalPhrase.Phrase)), StringComparison.Ordinal);
        Assert.Contains("rules", unknown.ErrorFor(nameof(PersonalPhrase.RuleId)), StringComparison.Ordinal);
        Assert.Contains("200", tooLong.ErrorFor(nameof(AllowedPhrase.Phrase)), StringComparison.Ordinal);
        var preferences = await settings.GetAsync();
        Assert.Empty(preferences.AllowedPhrases);
        Assert.Empty(preferences.PersonalPhrases);
    }
}
