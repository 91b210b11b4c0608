using FluentValidation;
using HelpAsk.Core.Analysis;
using HelpAsk.Core.Domain;
using HelpAsk.Core.Text;
using HelpAsk.Web.Features.Shell;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Severity = MudBlazor.Severity;

namespace HelpAsk.Web.Features.Coaching;

/// <summary>
/// What every coached editor does with the findings panel: apply a suggestion, ignore one occurrence,
/// allow a phrase or stop a rule, each remembered for the account and undoable in Coaching settings.
/// </summary>
public abstract class CoachedPage : ComponentBase
{
    [Inject]
    protected CoachingSettings Coaching { get; set; } = default!;

    [Inject]
    protected PitfallAnalyzer Analyzer { get; set; } = default!;

    [Inject]
    protected ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    protected NavigationManager Navigation { get; set; } = default!;

    /// <summary>The account's coaching choices, as the analyzer takes them.</summary>
    protected AnalyzerOptions Options { get; private set; } = AnalyzerOptions.Default;

    /// <summary>The text of a coached field, by its key.</summary>
    protected abstract string ReadField(string field);

    /// <summary>Proposes new text for a coached field (made in the browser, then saved as typing is); false when the text moved on.</summary>
    protected abstract Task<bool> WriteFieldAsync(string field, string text);

    /// <summary>Analyses every coached field again, after the options changed.</summary>
    protected abstract void AnalyzeAll();

    protected async Task LoadOptionsAsync() => Options = (await Coaching.GetAsync()).ToAnalyzerOptions();

    protected async Task Apply((FieldFinding Item, Suggestion Suggestion) choice)
    {
        var text = ReadField(choice.Item.Field);
        var finding = choice.Item.Finding;

        // The text may have changed since the finding was shown: apply only where it still says the same.
        if (finding.End > text.Length || text.Substring(finding.Start, finding.Length) != finding.Text)
        {
            return;
        }

        if (!await WriteFieldAsync(choice.Item.Field, TextRepair.Apply(text, finding.Start, finding.Length, choice.Suggestion.Replacement)))
        {
            Snackbar.Add("The text changed before the fix arrived, so it was left as you typed it.", Severity.Normal);
        }
    }

    /// <summary>
    /// Stores what is left as the page goes. A failure (the database busy) is tried again after growing pauses,
    /// so a draft whose text has not reached the database is never dropped while a retry can still store it.
    /// </summary>
    protected static async Task StoreOnLeavingAsync<T>(Func<Task<T>> store)
    {
        ArgumentNullException.ThrowIfNull(store);
        for (var pause = TimeSpan.FromSeconds(1); ; pause *= 2)
        {
            try
            {
                await store();
                return;
            }
            catch (Exception error) when (error is not ObjectDisposedException && pause < TimeSpan.FromSeconds(16))
            {
                await Task.Delay(pause);
            }
        }
    }

    protected async Task IgnoreAsync(FieldFinding item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var sentence = PitfallAnalyzer.SentenceAround(ReadField(item.Field), item.Finding.Start);
        await Coaching.IgnoreAsync(new IgnoredOccurrence(item.Finding.RuleId, item.Finding.Text, sentence));
        await ReloadOptionsAsync("Ignored here. You can undo this in Coaching settings.");
    }

    protected async Task AllowPhraseAsync(string phrase)
    {
        try
        {
            await Coaching.AllowPhraseAsync(phrase);
            await ReloadOptionsAsync($"“{phrase}” won't be flagged again. You can undo this in Coaching settings.");
        }
        catch (ValidationException error)
        {
            Snackbar.Add(error.Errors.First().ErrorMessage, Severity.Warning);
        }
    }

    protected async Task DisableRuleAsync(string ruleId)
    {
        await Coaching.DisableRuleAsync(ruleId);
        await ReloadOptionsAsync("The coach won't check for this any more. You can undo this in Coaching settings.");
    }

    private async Task ReloadOptionsAsync(string message)
    {
        await LoadOptionsAsync();
        AnalyzeAll();
        Snackbar.Offer(message, "Settings", () =>
        {
            Navigation.NavigateTo("settings/coaching");
            return Task.CompletedTask;
        });
    }
}
