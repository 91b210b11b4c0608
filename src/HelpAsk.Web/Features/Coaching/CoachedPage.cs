using System.Text.Json;
using HelpAsk.Core.Analysis;
using HelpAsk.Core.Domain;
using HelpAsk.Core.Text;
using HelpAsk.Core.Validation;
using HelpAsk.Web.Features.Shell;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;
using Severity = MudBlazor.Severity;

namespace HelpAsk.Web.Features.Coaching;

/// <summary>
/// A page that edits a coached draft (a request, a thank-you note): its parts are typed in the browser, which owns
/// the text (<see cref="CoachedTextArea"/>); each change is analysed alone (that field only), saved once typing
/// pauses through one save path, reconciled with what the browser kept after a reload, and stored as the page goes.
/// The findings panel's actions (apply, ignore, allow a phrase, stop a rule) are remembered for the account.
/// A keystroke re-renders the page only when its outline changes (the save state, a part becoming empty or not);
/// the field's findings re-render themselves (<see cref="FieldCoaching"/>).
/// </summary>
public abstract class CoachedPage<TContent> : ComponentBase, IAsyncDisposable
    where TContent : class
{
    private static readonly TimeSpan AutosaveDelay = TimeSpan.FromMilliseconds(600);

    private readonly Dictionary<string, int> versions = [];
    private readonly Dictionary<string, FieldCoaching> coaching = [];
    private readonly TypedTexts typed = new();
    private bool reconciling;
    private TContent? loaded;
    private string outline = "";
    private DraftSaving? saving;

    [Inject]
    protected CoachingSettings Coaching { get; set; } = default!;

    [Inject]
    protected PitfallAnalyzer Analyzer { get; set; } = default!;

    [Inject]
    protected ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    protected NavigationManager Navigation { get; set; } = default!;

    [Inject]
    protected IJSRuntime JS { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    /// <summary>The account's coaching choices, as the analyzer takes them.</summary>
    protected AnalyzerOptions Options { get; private set; } = AnalyzerOptions.Default;

    /// <summary>The draft as this page has it (the browser's newest text, once it reached the server); null until loaded.</summary>
    protected TContent? Content { get; private set; }

    /// <summary>The stored version this page's next save expects (the concurrency token).</summary>
    protected Guid StoredVersion { get; private set; }

    // Made on first use, once the clock has been injected.
    protected DraftSaving Saving => saving ??= new(AutosaveDelay, Clock);

    protected DateTime? SavedAt { get; set; }

    /// <summary>The draft is gone, or belongs to another account.</summary>
    protected bool NotFound { get; set; }

    /// <summary>Another tab saved first (or the draft stopped being one): this page stopped saving.</summary>
    protected DraftSave<TContent>.Conflict? Conflict { get; private set; }

    /// <summary>The user's own text, kept to copy from after they chose the other tab's version.</summary>
    protected string? SetAside { get; set; }

    /// <summary>The page is going (its components report changes as they are taken down: not the user's).</summary>
    protected bool Leaving { get; private set; }

    /// <summary>
    /// True once what this tab kept (its text, the composer's step) has been taken back. The composer shows its steps
    /// only then: shown at the server's step first and moved to the tab's two round trips later, a step took clicks
    /// meant for the other.
    /// </summary>
    protected bool Reconciled { get; private set; }

    /// <summary>The browser's side of the draft (CoachedTextArea.razor.js), once reconciled.</summary>
    protected IJSObjectReference? BrowserDraft { get; private set; }

    /// <summary>The coached fields on screen, by key, so the page can propose changes to them.</summary>
    protected Dictionary<string, CoachedTextArea> Fields { get; } = [];

    protected abstract IReadOnlyList<CoachedPart<TContent>> Parts { get; }

    protected abstract MessageKind Kind { get; }

    /// <summary>Where the browser keeps this draft's unsaved text.</summary>
    protected abstract string DraftKey { get; }

    /// <summary>Whether the draft can still be edited (a sent note cannot).</summary>
    protected virtual bool Editable => true;

    /// <summary>Writes the draft if its stored version is still <paramref name="expectedVersion"/>.</summary>
    protected abstract Task<DraftSave<TContent>> WriteDraftAsync(Guid expectedVersion, TContent content);

    protected async Task LoadOptionsAsync() => Options = (await Coaching.GetAsync()).ToAnalyzerOptions();

    /// <summary>The draft as stored: shown, and analysed.</summary>
    protected void Load(TContent content, Guid version)
    {
        Content = loaded = content;
        StoredVersion = version;
        AnalyzeAll();
    }

    protected FieldCoaching CoachingOf(CoachedPart<TContent> part)
    {
        ArgumentNullException.ThrowIfNull(part);
        if (!coaching.TryGetValue(part.Key, out var field))
        {
            coaching[part.Key] = field = new FieldCoaching(part.Key, part.Label);
        }

        return field;
    }

    protected IReadOnlyList<PitfallFinding> FindingsOf(CoachedPart<TContent> part) => CoachingOf(part).Findings;

    protected int VersionOf(CoachedPart<TContent> part) => versions.GetValueOrDefault(part.Key);

    /// <summary>
    /// What the store answered about this draft last (the Core validator's <see cref="Outcome"/>, through
    /// <see cref="DraftSave{TContent}.Invalid"/>), or what sending needs once the page checked it. Every field of the
    /// draft shows its part of it with <see cref="ErrorOf"/>: the coached fields, and the page's other fields (the
    /// composer's effort estimate, title and helper), so the Core validator, through the save, is their one check.
    /// </summary>
    protected Outcome Problems { get; set; } = Outcome.Done;

    /// <summary>The problem a coached field shows.</summary>
    protected string? ErrorOf(string property) => Problems.ErrorFor(property);

    /// <summary>
    /// Once interactive and loaded: what this tab typed that the server never stored (a refresh, a lost connection, a
    /// restart) is taken back from the browser and saved; it wins over the older stored text.
    /// </summary>
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        outline = Outline();
        if (reconciling || Content is null || NotFound)
        {
            return;
        }

        reconciling = true;
        if (!Editable)
        {
            Reconciled = true;
            StateHasChanged();
            return;
        }

        BrowserDraft = await JS.InvokeAsync<IJSObjectReference>("import", "./Features/Coaching/CoachedTextArea.razor.js");
        var unsaved = ReadTexts(await BrowserDraft.InvokeAsync<string?>("pending", DraftKey));
        var restored = false;
        var alreadyStored = new Dictionary<string, int>();
        foreach (var part in Parts)
        {
            foreach (var hash in unsaved.GetValueOrDefault(part.Key)?.Sent ?? [])
            {
                typed.Add(part.Key, hash);
            }

            if (unsaved.TryGetValue(part.Key, out var kept) && kept.Text != part.Read(Content))
            {
                Content = part.Write(Content, kept.Text);
                versions[part.Key] = kept.Version;
                Analyse(part, kept.Text);
                restored = true;
            }
            else if (kept is not null)
            {
                alreadyStored[part.Key] = kept.Version;
            }
        }

        Acknowledge(alreadyStored);
        await ReconciledAsync(unsaved);
        Reconciled = true;
        StateHasChanged();
        if (restored)
        {
            await SaveAsync(now: true);
        }
    }

    /// <summary>After the browser's unsaved text was taken back: what else the page keeps there (the composer's step).</summary>
    protected virtual Task ReconciledAsync(IReadOnlyDictionary<string, UnsavedText> unsaved) => Task.CompletedTask;

    /// <summary>Text typed in the browser: kept if it is newer than what the server has, analysed, and saved once typing pauses.</summary>
    protected IReadOnlyList<PitfallFinding> Typed(CoachedPart<TContent> part, string text, int version)
    {
        ArgumentNullException.ThrowIfNull(part);
        if (Content is null || version <= VersionOf(part))
        {
            return FindingsOf(part);
        }

        versions[part.Key] = version;
        typed.Add(part.Key, text);
        var before = Content;
        if (part.Read(before) == text)
        {
            // The page's own proposal coming back as typing: analysed, and pending a save, already.
            return FindingsOf(part);
        }

        Content = part.Write(before, text);
        var found = Analyse(part, text);
        Saving.Changed(InvokeAsync, SaveAsync);
        _ = AfterTypingAsync(part, before);
        RenderIfOutlineChanged();
        return found;
    }

    /// <summary>What follows typing in a part (the thank-you note follows its answers).</summary>
    protected virtual Task AfterTypingAsync(CoachedPart<TContent> part, TContent before) => Task.CompletedTask;

    /// <summary>
    /// What the page shows beyond the fields and their findings that typing can change: a keystroke re-renders the
    /// page only when this changed.
    /// </summary>
    protected virtual string Outline() => Content is null ? ""
        : $"{Saving.State} {string.Concat(Parts.Select(p => string.IsNullOrWhiteSpace(p.Read(Content)) ? '0' : '1'))}";

    private void RenderIfOutlineChanged()
    {
        if (Outline() != outline)
        {
            StateHasChanged();
        }
    }

    /// <summary>A change made on the server side (not typed in a coached field): saved once typing pauses.</summary>
    protected void Edit(Func<TContent, TContent> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        Content = change(Content!);
        Saving.Changed(InvokeAsync, SaveAsync);
    }

    /// <summary>
    /// Text the page proposes for a part (a fix, a composed message, the other tab's version). A field on screen is
    /// changed in the browser, as an edit it can undo, and only if it still says what the server has; a field not on
    /// screen is changed here. False when the user's typing moved on first.
    /// </summary>
    protected async Task<bool> SetTextAsync(CoachedPart<TContent> part, string text, bool asEdit)
    {
        ArgumentNullException.ThrowIfNull(part);
        var before = part.Read(Content!);
        if (before == text)
        {
            return true;
        }

        if (Fields.TryGetValue(part.Key, out var field) && !await field.ReplaceAsync(before, text, asEdit))
        {
            return false;
        }

        // The server's copy follows at once (what is checked or saved next is the new text); the browser's
        // change comes back as typing with a newer version.
        Content = part.Write(Content!, text);
        Analyse(part, text);
        Saving.Changed(InvokeAsync, SaveAsync);
        RenderIfOutlineChanged();
        return true;
    }

    /// <summary>Analyses every part again (on load, or after the coaching choices changed).</summary>
    protected void AnalyzeAll()
    {
        foreach (var part in Parts)
        {
            Analyse(part, part.Read(Content!));
        }
    }

    private IReadOnlyList<PitfallFinding> Analyse(CoachedPart<TContent> part, string text)
    {
        var found = Analyzer.Analyze(text, Kind, Options);
        CoachingOf(part).Show(text, found);
        return found;
    }

    private Task SaveAsync() => SaveAsync(now: false);

    /// <summary>Saves now (before the draft is checked or sent), or, with <paramref name="now"/> false, if it changed.</summary>
    protected async Task SaveAsync(bool now)
    {
        if (Content is null || Conflict is not null)
        {
            return;
        }

        await (now ? Saving.SaveNowAsync(StoreAsync, StateHasChanged) : Saving.SaveAsync(StoreAsync, StateHasChanged));
        StateHasChanged();
    }

    /// <summary>
    /// Stores the draft exactly as the user sees it, before it is checked or sent: the text on screen is taken from
    /// the browser (a field's last keystrokes can still be waiting behind an earlier call), the page's own proposals
    /// are made (the thank-you note following its answers), then it is saved; a change that arrived meanwhile is
    /// saved too. False when it could not be stored: the save indicator, the fields or a notice say why.
    /// </summary>
    protected async Task<bool> StoreAsShownAsync()
    {
        for (var round = 0; round < 3; round++)
        {
            await TakeTextOnScreenAsync();
            await ProposalsMadeAsync();
            await SaveAsync(now: true);
            if (Saving.State != SaveState.Pending)
            {
                return Saving.State == SaveState.Saved;
            }
        }

        Snackbar.Add("Your latest words are still being saved. Try again in a moment.", Severity.Warning);
        return false;
    }

    /// <summary>
    /// Before fields leave the page (the composer's steps): asks the browser for their text without waiting, so the
    /// step changes at once. Calls and renders reach the browser in order, so it reads the fields before it applies the
    /// render that removes them; their last keys may still be on their way, or not sent at all when a field was filled
    /// before the browser wired it up. The answer is taken whenever it comes; with no connection, the browser keeps
    /// the text for when it is back.
    /// </summary>
    protected Task TakeTextOnScreenSoon()
    {
        _ = TakeAsync();
        return Task.CompletedTask;

        async Task TakeAsync()
        {
            try
            {
                await TakeTextOnScreenAsync();
            }
            catch (Exception e) when (e is JSDisconnectedException or JSException or TaskCanceledException or ObjectDisposedException)
            {
                // Gone with the connection or the page: the field's text waits in the browser's session storage.
            }
        }
    }

    private async Task TakeTextOnScreenAsync()
    {
        if (BrowserDraft is null)
        {
            return;
        }

        var shown = ReadTexts(await BrowserDraft.InvokeAsync<string?>("onScreen", DraftKey));
        foreach (var part in Parts)
        {
            if (shown.TryGetValue(part.Key, out var text))
            {
                Typed(part, text.Text, text.Version);
            }
        }
    }

    /// <summary>Completes when the changes the page proposes after typing have been made (the note following its answers).</summary>
    protected virtual Task ProposalsMadeAsync() => Task.CompletedTask;

    /// <summary>The one save path: autosave, save now, and the save as the page goes.</summary>
    private async Task<SaveState?> StoreAsync()
    {
        var stored = new Dictionary<string, int>(versions);
        var sent = Content!;
        var result = await WriteDraftAsync(StoredVersion, sent);
        Problems = result is DraftSave<TContent>.Invalid invalid ? invalid.Outcome : Outcome.Done;
        switch (result)
        {
            case DraftSave<TContent>.Saved saved:
                StoredVersion = saved.Version;
                SavedAt = saved.At;
                loaded = sent;
                Acknowledge(stored);
                return SaveState.Saved;
            case DraftSave<TContent>.Conflict { Current: { } current } clash when IsOwnSave(current):
                // This tab's own save, made as its previous page went: not another tab's change.
                loaded = current;
                StoredVersion = clash.Version;
                return await StoreAsync();
            case DraftSave<TContent>.Conflict clash:
                Conflict = clash;
                return SaveState.Conflict;
            case DraftSave<TContent>.Invalid:
                return SaveState.Invalid;
            default:
                NotFound = true;
                return null;
        }
    }

    /// <summary>Whether a stored version differs from what this page opened only by texts this tab typed.</summary>
    private bool IsOwnSave(TContent stored) =>
        loaded is not null && WithoutTexts(stored).Equals(WithoutTexts(loaded))
        && Parts.All(p => p.Read(stored) == p.Read(loaded) || p.Read(stored) == p.Read(Content!) || typed.Contains(p.Key, p.Read(stored)));

    private TContent WithoutTexts(TContent content) => Parts.Aggregate(content, (emptied, part) => part.Write(emptied, ""));


    /// <summary>
    /// Tells the browser to forget what it kept for these field versions: the database has them. Not awaited by the
    /// save: a call made while the connection is down is never answered (Blazor does not send it again), and a save
    /// waiting for it held back every later save until the interop timeout, a minute. A lost acknowledgement only
    /// leaves a copy in the tab, which the next one or a reload's reconcile settles.
    /// </summary>
    private void Acknowledge(Dictionary<string, int> stored)
    {
        if (BrowserDraft is { } browser)
        {
            _ = AcknowledgeAsync(browser, stored);
        }
    }

    private async Task AcknowledgeAsync(IJSObjectReference browser, Dictionary<string, int> stored)
    {
        try
        {
            await browser.InvokeVoidAsync("acknowledge", AcknowledgeWithin, DraftKey, JsonSerializer.Serialize(stored, BrowserDraftJson.Default.DictionaryStringInt32));
        }
        catch (Exception error) when (error is JSDisconnectedException or JSException or OperationCanceledException or ObjectDisposedException)
        {
            // The tab is gone or did not answer: it keeps its copy, which is only ever newer or the same.
        }
    }

    private static readonly TimeSpan AcknowledgeWithin = TimeSpan.FromSeconds(10);

    /// <summary>The browser's texts by key, sent as JSON text (<see cref="BrowserDraftJson"/>); none for no answer.</summary>
    private static Dictionary<string, UnsavedText> ReadTexts(string? json) =>
        json is null ? [] : JsonSerializer.Deserialize(json, BrowserDraftJson.Default.DictionaryStringUnsavedText) ?? [];

    /// <summary>Keeps this tab's version over the other one.</summary>
    protected async Task KeepMineAsync()
    {
        if (Conflict is not { Current: not null } clash)
        {
            return;
        }

        StoredVersion = clash.Version;
        Conflict = null;
        await SaveAsync(now: true);
    }

    /// <summary>Takes the other tab's version, keeping the user's own text on screen to copy from.</summary>
    protected async Task UseTheirsAsync()
    {
        if (Conflict is not { Current: { } theirs } clash)
        {
            return;
        }

        SetAside = string.Join("\n\n", Parts.Select(p => p.Read(Content!)).Where(t => !string.IsNullOrWhiteSpace(t)));
        foreach (var part in Parts)
        {
            await SetTextAsync(part, part.Read(theirs), asEdit: false);
        }

        Load(theirs, clash.Version);
        Conflict = null;
        Saving.Reset();
    }

    protected async Task Apply((FieldFinding Item, Suggestion Suggestion) choice)
    {
        var part = PartOf(choice.Item.Field);
        var text = part.Read(Content!);
        var finding = choice.Item.Finding;

        // The text may have changed since the finding was shown: apply only where it still says the same.
        if (finding.End > text.Length || text.Substring(finding.Start, finding.Length) != finding.Text)
        {
            return;
        }

        if (!await SetTextAsync(part, TextRepair.Apply(text, finding.Start, finding.Length, choice.Suggestion.Replacement), asEdit: true))
        {
            Snackbar.Add("The text changed before the fix arrived, so it was left as you typed it.", Severity.Normal);
        }
    }

    protected async Task IgnoreAsync(FieldFinding item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var sentence = PitfallAnalyzer.SentenceAround(PartOf(item.Field).Read(Content!), item.Finding.Start);
        await Coaching.IgnoreAsync(new IgnoredOccurrence(item.Finding.RuleId, item.Finding.Text, sentence));
        await ReloadOptionsAsync("Ignored here. You can undo this in Coaching settings.");
    }

    protected async Task AllowPhraseAsync(string phrase)
    {
        var allowed = await Coaching.AllowPhraseAsync(phrase);
        if (allowed.Succeeded)
        {
            await ReloadOptionsAsync($"“{phrase}” won't be flagged again. You can undo this in Coaching settings.");
        }
        else
        {
            Snackbar.Add(string.Join(" ", allowed.Errors), Severity.Warning);
        }
    }

    protected async Task DisableRuleAsync(string ruleId)
    {
        await Coaching.DisableRuleAsync(ruleId);
        await ReloadOptionsAsync("The coach won't check for this any more. You can undo this in Coaching settings.");
    }

    private CoachedPart<TContent> PartOf(string key) => Parts.Single(p => p.Key == key);

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

    /// <summary>As the page goes, before anything is stored (the composer lets go of its open draft).</summary>
    protected virtual void OnLeaving()
    {
    }

    /// <summary>As the page goes with nothing left to store (the composer removes a draft left empty).</summary>
    protected virtual Task LeftUnchangedAsync() => Task.CompletedTask;

    /// <summary>
    /// Leaving the page stores what is still pending, so nothing typed is lost; a failed save is tried again for a
    /// while (<see cref="DraftSaving.LeaveAsync"/>). What never reaches the database stays in the browser.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        Leaving = true;
        if (Content is not null && !NotFound)
        {
            OnLeaving();
            try
            {
                if (Saving.HasChanges && Conflict is null && Editable)
                {
                    await Saving.LeaveAsync(StoreAsync);
                    if (Saving.State == SaveState.Failed)
                    {
                        // Retries ran out as the page went: say so (the text stays in this tab, unacknowledged).
                        Snackbar.Add(
                            $"Your draft could not be saved yet ({Saving.FailureReason}). Its text is kept in this tab: open the draft again here to save it.",
                            Severity.Warning);
                    }
                }
                else if (!Saving.HasChanges)
                {
                    await LeftUnchangedAsync();
                }
            }
            catch (ObjectDisposedException)
            {
                // The circuit is already gone; the last autosave stands, and the browser keeps the rest.
            }
        }

        saving?.Dispose();
        if (BrowserDraft is not null)
        {
            try
            {
                await BrowserDraft.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The tab is gone.
            }
        }

        GC.SuppressFinalize(this);
    }
}
