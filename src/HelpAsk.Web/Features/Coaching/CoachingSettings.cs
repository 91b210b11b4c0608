using HelpAsk.Core.Analysis;
using HelpAsk.Core.Domain;
using HelpAsk.Core.Validation;
using HelpAsk.Web.Data;
using HelpAsk.Web.Features.Account;
using Microsoft.EntityFrameworkCore;

namespace HelpAsk.Web.Features.Coaching;

/// <summary>The signed-in account's choices about the coach: rules switched off, phrases allowed, added or ignored.</summary>
public sealed class CoachingSettings(IDbContextFactory<HelpAskDbContext> contexts, CurrentAccount account, PitfallAnalyzer analyzer)
{
    /// <summary>What a phrase added to the coach must be; the settings page's form checks with it too.</summary>
    public PersonalPhraseValidator PersonalPhraseRules { get; } = new(analyzer.Catalog);

    /// <summary>What an allowed phrase must be; the settings page's form checks with it too.</summary>
    public AllowedPhraseValidator AllowedPhraseRules { get; } = new();

    public async Task<CoachingPreferences> GetAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.OpenForAsync(account, cancellationToken);
        return await db.CoachingPreferences.AsNoTracking().SingleOrDefaultAsync(cancellationToken)
            ?? new CoachingPreferences { OwnerId = db.Owner! };
    }

    public Task DisableRuleAsync(string ruleId) =>
        UpdateAsync(p => AddOnce(p.DisabledRules, ruleId));

    public Task EnableRuleAsync(string ruleId) =>
        UpdateAsync(p => p.DisabledRules.Remove(ruleId));

    /// <summary>Failed, and nothing stored, when the phrase is empty or too long.</summary>
    public async Task<Outcome> AllowPhraseAsync(string phrase)
    {
        var allowed = new AllowedPhrase(phrase.Trim());
        var outcome = await AllowedPhraseRules.CheckAsync(allowed);
        if (outcome.Succeeded)
        {
            await UpdateAsync(p => AddOnce(p.AllowedPhrases, allowed.Phrase));
        }

        return outcome;
    }

    public Task RemoveAllowedPhraseAsync(string phrase) =>
        UpdateAsync(p => p.AllowedPhrases.Remove(phrase));

    /// <summary>Failed, and nothing stored, when the rule does not exist or the phrase is empty or too long.</summary>
    public async Task<Outcome> AddPersonalPhraseAsync(string ruleId, string phrase)
    {
        var personal = new PersonalPhrase(ruleId, phrase.Trim());
        var outcome = await PersonalPhraseRules.CheckAsync(personal);
        if (outcome.Succeeded)
        {
            await UpdateAsync(p =>
            {
                if (!p.PersonalPhrases.Contains(personal))
                {
                    p.PersonalPhrases = [.. p.PersonalPhrases, personal];
                }
            });
        }

        return outcome;
    }

    public Task RemovePersonalPhraseAsync(PersonalPhrase phrase) =>
        UpdateAsync(p => p.PersonalPhrases = [.. p.PersonalPhrases.Where(x => x != phrase)]);

    public Task IgnoreAsync(IgnoredOccurrence occurrence) =>
        UpdateAsync(p =>
        {
            if (!p.IgnoredOccurrences.Contains(occurrence))
            {
                p.IgnoredOccurrences = [.. p.IgnoredOccurrences, occurrence];
            }
        });

    public Task UnignoreAsync(IgnoredOccurrence occurrence) =>
        UpdateAsync(p => p.IgnoredOccurrences = [.. p.IgnoredOccurrences.Where(x => x != occurrence)]);

    private async Task UpdateAsync(Action<CoachingPreferences> change)
    {
        await using var db = await contexts.OpenForAsync(account);
        var preferences = await db.CoachingPreferences.SingleOrDefaultAsync();
        if (preferences is null)
        {
            preferences = new CoachingPreferences { OwnerId = db.Owner! };
            db.CoachingPreferences.Add(preferences);
        }

        change(preferences);
        await db.SaveChangesAsync();
    }

    private static void AddOnce(List<string> list, string value)
    {
        if (!list.Contains(value))
        {
            list.Add(value);
        }
    }
}

public static class CoachingSetup
{
    /// <summary>
    /// The largest message the browser may send (the circuit's hub takes it): a coached field sends its whole text
    /// with each change, and SignalR's default 32 KB would drop the circuit past about 16 KB of UTF-8. The review
    /// field allows 20,000 characters: 60 KB of CJK, up to 120 KB once JSON escapes control characters; plus 64 KB.
    /// </summary>
    public const int LongestMessageBytes = (HelpRequest.ComposedTextMaxLength * 6) + (64 * 1024);

    public static IServiceCollection AddCoaching(this IServiceCollection services)
    {
        services.AddSingleton<PitfallAnalyzer>();
        services.AddScoped<CoachingSettings>();
        return services;
    }
}
