using FluentValidation;
using HelpAsk.Core.Analysis;
using HelpAsk.Core.Domain;
using HelpAsk.Core.Validation;
using HelpAsk.Web.Features.Coaching;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Severity = MudBlazor.Severity;

namespace HelpAsk.Web.Features.Requests.Compose;

/// <summary>
/// The five-step composer. Every change is analysed at once and saved shortly after typing pauses;
/// a save that another tab got to first is never overwritten silently.
/// </summary>
public sealed partial class ComposePage
{
    private static readonly TimeSpan AutosaveDelay = TimeSpan.FromMilliseconds(600);
    private static readonly ReadyToSendValidator ReadyToSend = new();

    private readonly Dictionary<string, IReadOnlyList<PitfallFinding>> findings = [];
    private readonly Dictionary<string, string> errors = [];
    private List<string> finishErrors = [];
    private DraftContent? content;
    private Guid version;
    private bool notFound;
    private int activeStep;
    private bool leaving;
    private DateTime? savedAt;
    private HelpRequest? conflict;
    private string? setAside;
    private readonly DraftSaving saving = new(AutosaveDelay);

    [Parameter]
    public Guid Id { get; set; }

    private DateTime? NeededByDate => content?.NeededBy?.ToDateTime(TimeOnly.MinValue);

    private IReadOnlyList<FieldFinding> CurrentFindings =>
        [.. ComposerParts.All.Where(p => p.Step == activeStep).SelectMany(p => FindingsOf(p).Select(f => new FieldFinding(p.Key, p.Label, f)))];

    protected override async Task OnInitializedAsync()
    {
        var draft = await Requests.FindAsync(Id);
        if (draft is null || draft.Status != RequestStatus.Draft)
        {
            notFound = true;
            return;
        }

        await LoadOptionsAsync();
        Load(draft);
        savedAt = draft.UpdatedAt;
        activeStep = draft.ComposerStep is { } step and >= 0 and <= ComposerParts.ReviewStep ? step : FirstUnfinishedStep(content!);
    }

    private async Task StepChangedAsync(int step)
    {
        // As the page goes, its steps go one by one and the stepper reports each change: not the user's choice.
        if (leaving || step is < 0 or > ComposerParts.ReviewStep)
        {
            return;
        }

        activeStep = step;
        await Requests.RememberStepAsync(Id, step);
    }

    private void Load(HelpRequest draft)
    {
        content = DraftContent.From(draft);
        version = draft.Version;
        AnalyzeAll();
    }

    /// <summary>Where a draft never moved between steps opens: the first step with nothing in it yet.</summary>
    private static int FirstUnfinishedStep(DraftContent draft) =>
        string.IsNullOrWhiteSpace(draft.Situation) ? 0
        : string.IsNullOrWhiteSpace(draft.Signal) ? 1
        : draft.HelperId is null ? 2
        : string.IsNullOrWhiteSpace(draft.WhatINeed) ? 3
        : string.IsNullOrWhiteSpace(draft.Openness) ? 4
        : ComposerParts.ReviewStep;

    /// <summary>Open pitfalls in the other steps' parts; on the review step the message holds them all.</summary>
    private int PitfallsElsewhere => activeStep == ComposerParts.ReviewStep ? 0
        : ComposerParts.All.Where(p => p.Step != activeStep && p != ComposerParts.Message).Sum(p => FindingsOf(p).Count(f => f.Kind == FindingKind.Pitfall));

    private IReadOnlyList<PitfallFinding> FindingsOf(ComposerPart part) => findings.GetValueOrDefault(part.Key, []);

    private string? ErrorOf(string property) => errors.GetValueOrDefault(property);

    private async Task<string?> HelperNameAsync() =>
        content!.HelperId is { } helperId ? (await Helpers.FindAsync(helperId))?.Name : null;

    protected override void AnalyzeAll()
    {
        foreach (var part in ComposerParts.All)
        {
            findings[part.Key] = Analyzer.Analyze(part.Read(content!), MessageKind.Request, Options);
        }
    }

    private void Edit(Func<DraftContent, DraftContent> change)
    {
        content = change(content!);
        AnalyzeAll();
        saving.Changed(InvokeAsync, SaveAsync);
    }

    private Task SaveAsync() => SaveAsync(now: false);

    private async Task SaveAsync(bool now)
    {
        if (content is null || conflict is not null)
        {
            return;
        }

        await (now ? saving.SaveNowAsync(StoreAsync, StateHasChanged) : saving.SaveAsync(StoreAsync, StateHasChanged));
        StateHasChanged();
    }

    private async Task<SaveState?> StoreAsync()
    {
        var result = await Requests.SaveDraftAsync(Id, version, content!);
        errors.Clear();
        switch (result)
        {
            case DraftSave.Saved saved:
                version = saved.Version;
                savedAt = saved.At;
                return SaveState.Saved;
            case DraftSave.Conflict clash:
                conflict = clash.Current;
                return SaveState.Conflict;
            case DraftSave.Invalid invalid:
                foreach (var failure in invalid.Errors)
                {
                    errors[failure.PropertyName] = failure.ErrorMessage;
                }

                return SaveState.Invalid;
            default:
                notFound = true;
                return null;
        }
    }

    private async Task KeepMineAsync()
    {
        if (conflict is null)
        {
            return;
        }

        version = conflict.Version;
        conflict = null;
        await SaveAsync(now: true);
    }

    private void UseTheirs()
    {
        if (conflict is null)
        {
            return;
        }

        setAside = string.Join("\n\n", new[] { content!.Situation, content.Signal, content.WhatINeed, content.WhyThisPerson, content.Openness, content.ComposedText }
            .Where(t => !string.IsNullOrWhiteSpace(t)));
        Load(conflict);
        conflict = null;
        saving.Reset();
    }

    private async Task NextAsync(MudStepper stepper)
    {
        if (activeStep == ComposerParts.ReviewStep - 1 && string.IsNullOrWhiteSpace(content!.ComposedText))
        {
            await ComposeMessageAsync();
        }

        await stepper.NextStepAsync();
    }

    private async Task ComposeMessageAsync()
    {
        var helperName = await HelperNameAsync();
        var senderName = await Profile.DisplayNameAsync();
        Edit(c => c with { ComposedText = RequestMessage.Compose(c.Parts, helperName, senderName) });
    }

    private async Task RebuildMessage()
    {
        var previous = content!.ComposedText;
        await ComposeMessageAsync();
        Snackbar.Add("The message was rebuilt from the steps.", Severity.Normal, snackbar =>
        {
            snackbar.Action = "Undo";
            snackbar.OnClick = _ =>
            {
                Edit(c => c with { ComposedText = previous });
                return Task.CompletedTask;
            };
        });
    }

    private async Task FinishAsync()
    {
        if (string.IsNullOrWhiteSpace(content!.ComposedText))
        {
            await ComposeMessageAsync();
        }

        if (string.IsNullOrWhiteSpace(content.Title))
        {
            var helperName = await HelperNameAsync();
            Edit(c => c with { Title = helperName is null ? "Request for help" : $"Request to {helperName}" });
        }

        await SaveAsync(now: true);
        if (saving.State != SaveState.Saved)
        {
            return;
        }

        // What is checked is what was stored.
        var stored = await Requests.FindAsync(Id);
        var readiness = stored is null ? null : await ReadyToSend.ValidateAsync(stored);
        finishErrors = readiness is null ? ["This draft no longer exists."] : [.. readiness.Errors.Select(e => e.ErrorMessage).Distinct()];
        foreach (var failure in readiness?.Errors ?? [])
        {
            // Shown inline too, on the step where it can be fixed.
            errors[failure.PropertyName] = failure.ErrorMessage;
        }

        if (finishErrors.Count == 0)
        {
            Navigation.NavigateTo($"requests/{Id}");
        }
    }

    protected override string ReadField(string field) => ComposerParts.All.Single(p => p.Key == field).Read(content!);

    protected override void WriteField(string field, string text) => Edit(c => ComposerParts.All.Single(p => p.Key == field).Write(c, text));

    public async ValueTask DisposeAsync()
    {
        leaving = true;
        saving.StopAutosave();

        // Leaving the page saves what is still pending, so nothing typed is lost; a draft left empty goes.
        try
        {
            if (saving.HasChanges && conflict is null && content is not null)
            {
                await Requests.SaveDraftAsync(Id, version, content);
            }
            else if (!saving.HasChanges && content is not null && !notFound)
            {
                await Requests.DiscardIfEmptyAsync(Id);
            }
        }
        catch (ObjectDisposedException)
        {
            // The circuit is already gone; the last autosave stands.
        }

        saving.Dispose();
    }
}
