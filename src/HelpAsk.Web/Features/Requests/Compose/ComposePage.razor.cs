using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
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
/// The five-step composer: a coached draft (<see cref="CoachedPage{TContent}"/>) in steps, each step's parts with
/// its findings, and the step the user is on kept across a refresh.
/// </summary>
public sealed partial class ComposePage
{

    private bool visited;
    private List<string> finishErrors = [];
    private int activeStep;

    private static readonly string[] StepTitles = ["Situation", "Signal", "Helper", "Specifics", "Openness", "Review"];

    private const string StepPanelId = "step-panel";

    private static string StepTabId(int step) => $"step-tab-{step}";

    // A step header's label (its number or tick, and its title) as one markup string, built once for the process: the
    // page's render tree, which every open composer keeps at its largest size, holds one frame for it instead of about
    // twelve, six times (its arrays were 512 frames on the Specifics step, 256 since).
    private static readonly MarkupString[] StepLabels = [.. Enumerable.Range(0, StepTitles.Length * 4).Select(i => BuildStepLabel(i / 4, (i & 2) != 0, (i & 1) != 0))];

    private static MarkupString StepLabel(int step, bool current, bool finished) => StepLabels[(step * 4) + (current ? 2 : 0) + (finished ? 1 : 0)];

    private static MarkupString BuildStepLabel(int step, bool current, bool finished)
    {
        var number = finished
            ? SvgIcon.Of(Icons.Material.Outlined.Done, "mud-svg-icon mud-icon-size-small").Value
            : $"<span class=\"mud-typography mud-typography-caption\">{step + 1}</span>";
        return new(
            $"<div class=\"{(current ? "mud-step-label mud-step-label-active" : "mud-step-label")}\">" +
            $"<div class=\"{(current || finished ? "mud-step-label-icon mud-primary" : "mud-step-label-icon")}\">{number}</div>" +
            "<div class=\"mud-step-label-content\">" +
            $"<p class=\"{(current ? "mud-typography mud-typography-subtitle2" : "mud-typography mud-typography-body2")} mud-step-label-content-title\">{WebUtility.HtmlEncode(StepTitles[step])}</p>" +
            "</div></div>");
    }

    // The steps' introductions (by title) and the buttons' labels with their icons, one markup string each for the
    // process, as the step labels above.
    private static readonly ConcurrentDictionary<string, MarkupString> Intros = new();

    private static readonly MarkupString BackLabel = ButtonClasses.Label("Back", Icons.Material.Filled.ArrowBack);

    private static readonly MarkupString NextLabel = ButtonClasses.Label("Next", Icons.Material.Filled.ArrowForward, iconFirst: false);

    private static readonly MarkupString FinishLabel = ButtonClasses.Label("Finish", Icons.Material.Filled.Check, iconFirst: false);

    private static readonly MarkupString RebuildLabel = ButtonClasses.Label("Rebuild from the steps", Icons.Material.Filled.Refresh);

    private static string StepClass(bool current, bool finished) =>
        "mud-step mud-ripple mud-clickable" + (current ? " active" : "") + (finished ? " mud-step-completed" : "");

    [Parameter]
    public Guid Id { get; set; }

    protected override IReadOnlyList<CoachedPart<DraftContent>> Parts => ComposerParts.All;

    protected override MessageKind Kind => MessageKind.Request;

    protected override string DraftKey => $"request:{Id}";

    /// <summary>The date as an <c>input type="date"</c> holds it (yyyy-MM-dd, whatever the reader's format).</summary>
    private string? NeededByValue => Content?.NeededBy?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A complete date, or none: the browser reports an emptied or half-typed date as "".</summary>
    private void NeededByChanged(ChangeEventArgs change) => Edit(c => c with
    {
        NeededBy = DateOnly.TryParseExact(change.Value as string, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null,
    });

    private const string EffortId = "effort-estimate";

    private const string TitleId = "request-title";

    private IReadOnlyList<FieldCoaching> CurrentFields => [.. ComposerParts.All.Where(p => p.Step == activeStep).Select(CoachingOf)];

    protected override async Task OnInitializedAsync()
    {
        var draft = await Requests.FindAsync(Id);
        if (draft is null || draft.Status != RequestStatus.Draft)
        {
            NotFound = true;
            return;
        }

        await LoadOptionsAsync();
        Load(DraftContent.From(draft), draft.Version);
        SavedAt = draft.UpdatedAt > draft.CreatedAt ? draft.UpdatedAt : null;
        OpenDrafts.Open(Id);
        activeStep = draft.ComposerStep is { } step and >= 0 and <= ComposerParts.ReviewStep ? step : FirstUnfinishedStep(Content!);
    }

    protected override Task<DraftSave<DraftContent>> WriteDraftAsync(Guid expectedVersion, DraftContent content) =>
        Requests.SaveDraftAsync(Id, expectedVersion, content);

    /// <summary>The step this tab was on wins over the stored one, as its text does.</summary>
    protected override async Task ReconciledAsync(IReadOnlyDictionary<string, UnsavedText> unsaved)
    {
        if (unsaved.TryGetValue("step", out var step) && step.Version is >= 0 and <= ComposerParts.ReviewStep && step.Version != activeStep)
        {
            activeStep = step.Version;
            await Requests.RememberStepAsync(Id, activeStep);
        }
        else if (step is null)
        {
            // The step this tab is on, from the start: a refresh before any move reopens it too.
            await BrowserDraft!.InvokeVoidAsync("rememberStep", DraftKey, activeStep);
        }
    }

    private async Task StepChangedAsync(int step)
    {
        // A click that arrives as the page goes changes nothing.
        if (Leaving || step is < 0 or > ComposerParts.ReviewStep)
        {
            return;
        }

        visited = visited || step != activeStep;
        activeStep = step;

        // Stored here first: the browser already noted the step as the button was pressed (data-remember-step), and a
        // refresh at that moment can leave this call to it unanswered.
        await Requests.RememberStepAsync(Id, step);
        if (BrowserDraft is not null)
        {
            await BrowserDraft.InvokeVoidAsync("rememberStep", DraftKey, step);
        }
    }

    /// <summary>A step shows its tick once it has something in it, and after a refresh too.</summary>
    private bool IsFinished(int step) => Content is not null && (step < activeStep || visited) && step switch
    {
        0 => !string.IsNullOrWhiteSpace(Content.Situation),
        1 => !string.IsNullOrWhiteSpace(Content.Signal),
        2 => Content.HelperId is not null,
        3 => !string.IsNullOrWhiteSpace(Content.WhatINeed),
        4 => !string.IsNullOrWhiteSpace(Content.Openness),
        _ => false,
    };

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

    private async Task<string?> HelperNameAsync() =>
        Content!.HelperId is { } helperId ? (await Helpers.FindAsync(helperId))?.Name : null;

    private async Task NextAsync()
    {
        if (activeStep == ComposerParts.ReviewStep - 1 && string.IsNullOrWhiteSpace(Content!.ComposedText))
        {
            await ComposeMessageAsync();
        }

        await GoToStepAsync(activeStep + 1);
    }

    /// <summary>
    /// A step's header, Back or Next: the current step's fields leave the page, so the browser is asked for their
    /// text first (without waiting: calls and renders reach it in order, so it reads them before they go).
    /// </summary>
    private async Task GoToStepAsync(int step)
    {
        await TakeTextOnScreenSoon();
        if (step != activeStep)
        {
            await StepChangedAsync(step);
        }
    }

    private async Task ComposeMessageAsync()
    {
        var helperName = await HelperNameAsync();
        var senderName = await Profile.DisplayNameAsync();
        await SetTextAsync(ComposerParts.Message, RequestMessage.Compose(Content!.Parts, helperName, senderName), asEdit: true);
    }

    private async Task RebuildMessage()
    {
        var previous = Content!.ComposedText;
        await ComposeMessageAsync();
        Snackbar.Offer("The message was rebuilt from the steps.", "Undo", () => InvokeAsync(() => SetTextAsync(ComposerParts.Message, previous, asEdit: true)));
    }

    private async Task FinishAsync()
    {
        if (string.IsNullOrWhiteSpace(Content!.ComposedText))
        {
            await ComposeMessageAsync();
        }

        if (string.IsNullOrWhiteSpace(Content.Title))
        {
            var helperName = await HelperNameAsync();
            Edit(c => c with { Title = RequestLabels.DefaultTitle(helperName) });
        }

        if (!await StoreAsShownAsync())
        {
            return;
        }

        // What is checked is what was stored.
        var stored = await Requests.FindAsync(Id);
        var readiness = stored is null ? Outcome.Failed("This draft no longer exists.") : await RequestTracking.CheckReadyToSendAsync(stored);
        finishErrors = [.. readiness.Errors];

        // Shown at each field too, on the step where it can be fixed.
        Problems = readiness;

        if (finishErrors.Count == 0)
        {
            Navigation.NavigateTo($"requests/{Id}");
        }
    }

    protected override void OnLeaving() => OpenDrafts.Close(Id);

    // A draft left empty goes, but only after a pause and if no page has it open: a refresh may be bringing back
    // text that never reached the server.
    protected override Task LeftUnchangedAsync() => OpenDrafts.DiscardIfStillEmptyAsync(Id, () => Requests.DiscardIfEmptyAsync(Id));
}
