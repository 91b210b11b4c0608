using FluentValidation;
using HelpAsk.Core.Analysis;
using HelpAsk.Core.Domain;
using HelpAsk.Core.Validation;
using HelpAsk.Web.Features.Coaching;
using HelpAsk.Web.Features.Shell;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
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
    private readonly Dictionary<string, int> versions = [];
    private readonly Dictionary<string, CoachedTextArea> fields = [];
    private readonly TypedTexts typed = new();
    private IJSObjectReference? browserDraft;
    private bool reconciled;
    private DraftContent? loaded;
    private bool visited;
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

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    private string DraftKey => $"request:{Id}";

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
        savedAt = draft.UpdatedAt > draft.CreatedAt ? draft.UpdatedAt : null;
        OpenDrafts.Open(Id);
        activeStep = draft.ComposerStep is { } step and >= 0 and <= ComposerParts.ReviewStep ? step : FirstUnfinishedStep(content!);
    }

    /// <summary>
    /// Once interactive and loaded: what this tab typed that the server never stored (a refresh, a lost connection, a
    /// restart) is taken back from the browser and saved; it wins over the older stored text. So does the step.
    /// </summary>
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (reconciled || content is null || notFound)
        {
            return;
        }

        reconciled = true;
        browserDraft = await JS.InvokeAsync<IJSObjectReference>("import", "./Features/Coaching/CoachedTextArea.razor.js");
        var unsaved = await browserDraft.InvokeAsync<Dictionary<string, UnsavedText>?>("pending", DraftKey) ?? [];
        var restored = false;
        var alreadyStored = new Dictionary<string, int>();
        foreach (var part in ComposerParts.All)
        {
            foreach (var hash in unsaved.GetValueOrDefault(part.Key)?.Sent ?? [])
            {
                typed.Add(part.Key, hash);
            }

            if (unsaved.TryGetValue(part.Key, out var kept) && kept.Text != part.Read(content))
            {
                content = part.Write(content, kept.Text);
                versions[part.Key] = kept.Version;
                findings[part.Key] = Analyzer.Analyze(kept.Text, MessageKind.Request, Options);
                restored = true;
            }
            else if (kept is not null)
            {
                alreadyStored[part.Key] = kept.Version;
            }
        }

        await AcknowledgeAsync(alreadyStored);

        if (unsaved.TryGetValue("step", out var step) && step.Version is >= 0 and <= ComposerParts.ReviewStep && step.Version != activeStep)
        {
            activeStep = step.Version;
            await Requests.RememberStepAsync(Id, activeStep);
        }
        else if (step is null)
        {
            // The step this tab is on, from the start: a refresh before any move reopens it too.
            await browserDraft.InvokeVoidAsync("rememberStep", DraftKey, activeStep);
        }

        if (restored)
        {
            await SaveAsync(now: true);
        }

        StateHasChanged();
    }

    private async Task StepChangedAsync(int step)
    {
        // As the page goes, its steps go one by one and the stepper reports each change: not the user's choice.
        if (leaving || step is < 0 or > ComposerParts.ReviewStep)
        {
            return;
        }

        visited = visited || step != activeStep;
        activeStep = step;
        if (browserDraft is not null)
        {
            await browserDraft.InvokeVoidAsync("rememberStep", DraftKey, step);
        }

        await Requests.RememberStepAsync(Id, step);
    }

    /// <summary>A step shows its tick once it has something in it, and after a refresh too.</summary>
    private bool IsFinished(int step) => content is not null && (step < activeStep || visited) && step switch
    {
        0 => !string.IsNullOrWhiteSpace(content.Situation),
        1 => !string.IsNullOrWhiteSpace(content.Signal),
        2 => content.HelperId is not null,
        3 => !string.IsNullOrWhiteSpace(content.WhatINeed),
        4 => !string.IsNullOrWhiteSpace(content.Openness),
        _ => false,
    };

    private int VersionOf(string key) => versions.GetValueOrDefault(key);

    /// <summary>Text typed in the browser: kept if it is newer than what the server has, analysed, and saved once typing pauses.</summary>
    private IReadOnlyList<PitfallFinding> Typed(ComposerPart part, string text, int version)
    {
        if (content is null || version <= VersionOf(part.Key))
        {
            return FindingsOf(part);
        }

        versions[part.Key] = version;
        typed.Add(part.Key, text);
        content = part.Write(content, text);
        var found = findings[part.Key] = Analyzer.Analyze(text, MessageKind.Request, Options);
        saving.Changed(InvokeAsync, SaveAsync);
        StateHasChanged();
        return found;
    }

    private void Load(HelpRequest draft)
    {
        content = loaded = DraftContent.From(draft);
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

    /// <summary>A change made on the server side (the helper, the date, the title): saved once typing pauses.</summary>
    private void Edit(Func<DraftContent, DraftContent> change)
    {
        content = change(content!);
        saving.Changed(InvokeAsync, SaveAsync);
    }

    /// <summary>
    /// Text the page proposes for a field (a fix, a composed message, the other tab's version). A field on
    /// screen is changed in the browser, as an edit it can undo, and only if it still says what the server
    /// has; a field not on screen is changed here. False when the user's typing moved on first.
    /// </summary>
    private async Task<bool> SetTextAsync(ComposerPart part, string text, bool asEdit)
    {
        var before = part.Read(content!);
        if (fields.TryGetValue(part.Key, out var field) && !await field.ReplaceAsync(before, text, asEdit))
        {
            return false;
        }

        // The server's copy follows at once (what is checked or saved next is the new text); the browser's
        // change comes back as typing with a newer version.
        content = part.Write(content!, text);
        findings[part.Key] = Analyzer.Analyze(text, MessageKind.Request, Options);
        saving.Changed(InvokeAsync, SaveAsync);
        return true;
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
        var stored = new Dictionary<string, int>(versions);
        var sent = content!;
        var result = await Requests.SaveDraftAsync(Id, version, sent);
        errors.Clear();
        switch (result)
        {
            case DraftSave.Saved saved:
                version = saved.Version;
                savedAt = saved.At;
                loaded = sent;
                await AcknowledgeAsync(stored);
                return SaveState.Saved;
            case DraftSave.Conflict clash when IsOwnSave(DraftContent.From(clash.Current)):
                // This tab's own save, made as its previous page went: not another tab's change.
                loaded = DraftContent.From(clash.Current);
                version = clash.Current.Version;
                return await StoreAsync();
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

    /// <summary>Whether a stored version differs from what this page opened only by texts this tab typed.</summary>
    private bool IsOwnSave(DraftContent stored) =>
        loaded is not null && stored with { Situation = "", Signal = "", WhatINeed = "", WhyThisPerson = "", Openness = "", ComposedText = "" }
            == loaded with { Situation = "", Signal = "", WhatINeed = "", WhyThisPerson = "", Openness = "", ComposedText = "" }
        && ComposerParts.All.All(p => p.Read(stored) == p.Read(loaded) || p.Read(stored) == p.Read(content!) || typed.Contains(p.Key, p.Read(stored)));

    /// <summary>The browser forgets the text it kept for these versions: the database has it.</summary>
    private async Task AcknowledgeAsync(Dictionary<string, int> stored)
    {
        try
        {
            if (browserDraft is not null)
            {
                await browserDraft.InvokeVoidAsync("acknowledge", DraftKey, stored);
            }
        }
        catch (JSDisconnectedException)
        {
            // The tab is gone; what it kept is stored anyway.
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

    private async Task UseTheirs()
    {
        if (conflict is not { } theirs)
        {
            return;
        }

        setAside = string.Join("\n\n", ComposerParts.All.Select(p => p.Read(content!)).Where(t => !string.IsNullOrWhiteSpace(t)));
        foreach (var part in ComposerParts.All)
        {
            await SetTextAsync(part, part.Read(DraftContent.From(theirs)), asEdit: false);
        }

        Load(theirs);
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
        await SetTextAsync(ComposerParts.Message, RequestMessage.Compose(content!.Parts, helperName, senderName), asEdit: true);
    }

    private async Task RebuildMessage()
    {
        var previous = content!.ComposedText;
        await ComposeMessageAsync();
        Snackbar.Offer("The message was rebuilt from the steps.", "Undo", () => InvokeAsync(() => SetTextAsync(ComposerParts.Message, previous, asEdit: true)));
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

    protected override Task<bool> WriteFieldAsync(string field, string text) => SetTextAsync(ComposerParts.All.Single(p => p.Key == field), text, asEdit: true);

    public async ValueTask DisposeAsync()
    {
        leaving = true;
        saving.StopAutosave();
        if (content is not null && !notFound)
        {
            OpenDrafts.Close(Id);
        }

        // Leaving the page saves what is still pending, so nothing typed is lost; a failed save is tried
        // again a few times. A draft left empty goes, but only after a pause and if no page has it open:
        // a refresh may be bringing back text that never reached the server.
        try
        {
            if (saving.HasChanges && conflict is null && content is not null)
            {
                await StoreOnLeavingAsync(() => Requests.SaveDraftAsync(Id, version, content));
            }
            else if (!saving.HasChanges && content is not null && !notFound)
            {
                await OpenDrafts.DiscardIfStillEmptyAsync(Id, () => Requests.DiscardIfEmptyAsync(Id));
            }
        }
        catch (ObjectDisposedException)
        {
            // The circuit is already gone; the last autosave stands, and the browser keeps the rest.
        }

        saving.Dispose();
        if (browserDraft is not null)
        {
            try
            {
                await browserDraft.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The tab is gone.
            }
        }
    }

    /// <summary>A record of what the browser kept: the text and its version (for "step", the step).</summary>
    private sealed record UnsavedText(string Text, int Version, uint[]? Sent);
}
