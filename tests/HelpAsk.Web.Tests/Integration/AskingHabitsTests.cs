using HelpAsk.Core.Analysis;
using HelpAsk.Core.Domain;
using HelpAsk.Web.Features.Coaching;
using HelpAsk.Web.Features.Dashboard;
using HelpAsk.Web.Features.Requests;
using Microsoft.Extensions.DependencyInjection;

namespace HelpAsk.Web.Tests.Integration;

/// <summary>"Your asking habits" counts what the coach showed at send time, after the user's own choices.</summary>
public sealed class AskingHabitsTests : TwoAccountsTest
{
    [Fact]
    public async Task An_occurrence_the_user_chose_to_ignore_is_not_counted_in_their_asking_habits()
    {
        const string Signal = "Sorry to bother you. I'm so sorry to ask.";
        await using var scope = App.Services.CreateAsyncScope();
        var analyzer = scope.ServiceProvider.GetRequiredService<PitfallAnalyzer>();
        var apologies = analyzer.Analyze(Signal, MessageKind.Request).Where(f => f.RuleId == "over-apologizing").ToList();
        Assert.True(apologies.Count >= 2, $"{apologies.Count} apologies flagged");
        var ignored = apologies[0];
        await App.ServiceFor<CoachingSettings>(Alice, scope).IgnoreAsync(
            new IgnoredOccurrence(ignored.RuleId, ignored.Text, PitfallAnalyzer.SentenceAround(Signal, ignored.Start)));
        var requestId = await App.CreateReadyRequestAsync(Alice);
        var requests = App.ServiceFor<RequestStore>(Alice, scope);
        var draft = (await requests.FindAsync(requestId))!;
        var content = DraftContent.From(draft) with { Signal = Signal };
        content = content with { ComposedText = RequestMessage.Compose(content.Parts, "Sam Jones") };
        Assert.IsType<DraftSave<DraftContent>.Saved>(await requests.SaveDraftAsync(requestId, draft.Version, content));
        var everyRuleOn = analyzer.Analyze(content.ComposedText, MessageKind.Request).Count(f => f.Kind == FindingKind.Pitfall);

        Assert.IsType<RequestChange.Done>(await App.ServiceFor<RequestTracking>(Alice, scope).MarkSentAsync(requestId, "in person"));

        Assert.Equal(everyRuleOn - 1, (await requests.FindAsync(requestId))!.PitfallsAtSend);
        var habits = (await App.ServiceFor<DashboardQueries>(Alice, scope).GetChartsAsync()).PitfallsPerSentRequest;
        Assert.Equal(everyRuleOn - 1, habits.Single(m => m.Requests > 0).Average);
    }
}
