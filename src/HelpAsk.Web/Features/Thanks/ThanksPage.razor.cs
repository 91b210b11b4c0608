using HelpAsk.Core.Analysis;
using HelpAsk.Core.Domain;
using HelpAsk.Web.Features.Coaching;
using HelpAsk.Web.Features.Requests;
using HelpAsk.Web.Features.Shell;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace HelpAsk.Web.Features.Thanks;

/// <summary>
/// The thanks composer: three guided answers and the note itself, coached in thanks mode as the user types,
/// saved shortly after typing pauses, then sent by email or given by the user.
/// </summary>
public sealed partial class ThanksPage
{
    private static readonly TimeSpan AutosaveDelay = TimeSpan.FromMilliseconds(600);

    private readonly DraftSaving saving = new(AutosaveDelay);
    private readonly Dictionary<string, IReadOnlyList<PitfallFinding>> findings = [];
    private readonly Dictionary<string, int> versions = [];
    private readonly Dictionary<string, CoachedTextArea> fields = [];
    private IJSObjectReference? browserDraft;
    private bool reconciled;
    private Dictionary<string, string> errors = [];
    private List<string> sendErrors = [];
    private ThankYouNote? note;
    private ImpactFollowUp? followUp;
    private ThanksContent? content;
    private Guid version;
    private bool notFound;
    private bool conflict;
    private bool busy;
    private string how = "";
    private DateTime? savedAt;

    [Inject]
    private ThanksStore Thanks { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Parameter]
    public Guid Id { get; set; }

    private string DraftKey => $"thanks:{Id}";

    private string HelperFirstName => RequestMessage.FirstName(note?.Helper?.Name ?? "them");

    private string Heading => note is null ? "Say thanks"
        : note.IsImpactUpdate ? $"Tell {HelperFirstName} what difference it made"
        : $"Thank {HelperFirstName}";

    private string MailtoLink => note is null ? "" : MailApp.Link(note.Helper?.Email, ThanksStore.SubjectOf(note), content?.Text ?? "");

    /// <summary>While the note is just the answers put together, its findings repeat theirs: list each only once.</summary>
    private IReadOnlyList<FieldFinding> CurrentFindings =>
        [.. ThanksParts.All.Where(p => p != ThanksParts.Note || content!.Text != Compose(content))
            .SelectMany(p => FindingsOf(p.Key).Select(f => new FieldFinding(p.Key, p.Label, f)))];

    protected override async Task OnInitializedAsync()
    {
        note = await Thanks.FindAsync(Id);
        if (note is null)
        {
            notFound = true;
            return;
        }

        followUp = await Thanks.FollowUpOfAsync(note);
        await LoadOptionsAsync();
        content = ThanksContent.From(note);
        version = note.Version;
        savedAt = note.UpdatedAt > note.CreatedAt ? note.UpdatedAt : null;
        AnalyzeAll();
    }

    /// <summary>Once interactive and loaded: what this tab typed that the server never stored is taken back from the browser and saved.</summary>
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (reconciled || content is null || note?.SentAt is not null)
        {
            return;
        }

        reconciled = true;
        browserDraft = await JS.InvokeAsync<IJSObjectReference>("import", "./Features/Coaching/CoachedTextArea.razor.js");
        var unsaved = await browserDraft.InvokeAsync<Dictionary<string, UnsavedText>?>("pending", DraftKey) ?? [];
        var restored = false;
        foreach (var part in ThanksParts.All)
        {
            if (unsaved.TryGetValue(part.Key, out var kept) && kept.Text != part.Read(content))
            {
                content = part.Write(content, kept.Text);
                versions[part.Key] = kept.Version;
                findings[part.Key] = Analyzer.Analyze(kept.Text, MessageKind.Thanks, Options);
                restored = true;
            }
        }

        if (restored)
        {
            await SaveAsync(now: true);
            StateHasChanged();
        }
    }

    /// <summary>Text typed in the browser: kept if newer than the server's copy, analysed, and saved once typing pauses.</summary>
    private IReadOnlyList<PitfallFinding> Typed(ThanksPart part, string text, int version)
    {
        if (content is null || version <= versions.GetValueOrDefault(part.Key))
        {
            return FindingsOf(part.Key);
        }

        versions[part.Key] = version;
        var before = content;
        content = part.Write(before, text);
        var found = findings[part.Key] = Analyzer.Analyze(text, MessageKind.Thanks, Options);
        saving.Changed(InvokeAsync, SaveAsync);
        _ = FollowAnswersAsync(part, before);
        StateHasChanged();
        return found;
    }

    /// <summary>While the note is still what the answers put together (or empty), it follows them; once the user edits it, it is theirs.</summary>
    private async Task FollowAnswersAsync(ThanksPart changed, ThanksContent before)
    {
        if (changed != ThanksParts.Note && (string.IsNullOrWhiteSpace(before.Text) || before.Text == Compose(before)))
        {
            await SetTextAsync(ThanksParts.Note, Compose(content!), asEdit: false);
        }
    }

    /// <summary>Text the page proposes for a field: made in the browser if the field still says what the server has.</summary>
    private async Task<bool> SetTextAsync(ThanksPart part, string text, bool asEdit)
    {
        var before = part.Read(content!);
        if (before == text)
        {
            return true;
        }

        if (fields.TryGetValue(part.Key, out var field) && !await field.ReplaceAsync(before, text, asEdit))
        {
            return false;
        }

        content = part.Write(content!, text);
        findings[part.Key] = Analyzer.Analyze(text, MessageKind.Thanks, Options);
        saving.Changed(InvokeAsync, SaveAsync);
        StateHasChanged();
        return true;
    }

    private IReadOnlyList<PitfallFinding> FindingsOf(string key) => findings.GetValueOrDefault(key, []);

    protected override string ReadField(string field) => ThanksParts.All.Single(p => p.Key == field).Read(content!);

    protected override Task<bool> WriteFieldAsync(string field, string text) => SetTextAsync(ThanksParts.All.Single(p => p.Key == field), text, asEdit: true);

    protected override void AnalyzeAll()
    {
        foreach (var part in ThanksParts.All)
        {
            findings[part.Key] = Analyzer.Analyze(part.Read(content!), MessageKind.Thanks, Options);
        }
    }

    private string Compose(ThanksContent parts) => ThanksMessage.Compose(parts.Parts, note?.Helper?.Name);

    private void RebuildNote()
    {
        var previous = content!.Text;
        _ = SetTextAsync(ThanksParts.Note, Compose(content), asEdit: true);
        Snackbar.Offer("The note was put together from your answers.", "Undo", () => InvokeAsync(() => SetTextAsync(ThanksParts.Note, previous, asEdit: true)));
    }

    private Task SaveAsync() => SaveAsync(now: false);

    private async Task SaveAsync(bool now)
    {
        if (content is null || conflict)
        {
            return;
        }

        await (now ? saving.SaveNowAsync(StoreAsync, StateHasChanged) : saving.SaveAsync(StoreAsync, StateHasChanged));
        StateHasChanged();
    }

    private async Task<SaveState?> StoreAsync()
    {
        var stored = new Dictionary<string, int>(versions);
        switch (await Thanks.SaveAsync(Id, version, content!))
        {
            case NoteSave.Saved saved:
                version = saved.Version;
                savedAt = saved.At;
                errors = [];
                await AcknowledgeAsync(stored);
                return SaveState.Saved;
            case NoteSave.Invalid invalid:
                errors = new Dictionary<string, string>(invalid.Errors);
                return SaveState.Invalid;
            case NoteSave.Conflict:
                conflict = true;
                return SaveState.Conflict;
            default:
                notFound = true;
                return null;
        }
    }

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

    private Task SendByEmailAsync() => SendAsync(() => Thanks.SendByEmailAsync(Id), $"Your note is on its way to {HelperFirstName}.");

    private Task MarkSentAsync() => SendAsync(() => Thanks.MarkSentAsync(Id, how), "Recorded as given.");

    private async Task SendAsync(Func<Task<RequestChange>> send, string success)
    {
        busy = true;
        sendErrors = [];
        try
        {
            // What is sent is what was stored.
            await SaveAsync(now: true);
            if (saving.State != SaveState.Saved)
            {
                return;
            }

            switch (await send())
            {
                case RequestChange.Done:
                    Snackbar.Add(success, Severity.Success);
                    Navigation.NavigateTo(note!.HelpRequestId is { } requestId ? $"requests/{requestId}" : $"helpers/{note.HelperId}");
                    break;
                case RequestChange.Invalid invalid:
                    sendErrors = [.. invalid.Errors];
                    break;
                default:
                    notFound = true;
                    break;
            }
        }
        finally
        {
            busy = false;
        }
    }

    private Task CopyAsync() =>
        Clipboard.CopyAsync(JS, Snackbar, content!.Text, "Copied. Paste it wherever you'll give it, then mark it as given.", "note");

    public async ValueTask DisposeAsync()
    {
        saving.StopAutosave();

        // Leaving the page saves what is still pending, so nothing typed is lost.
        if (saving.HasChanges && !conflict && content is not null && note?.SentAt is null)
        {
            try
            {
                await StoreOnLeavingAsync(() => Thanks.SaveAsync(Id, version, content));
            }
            catch (ObjectDisposedException)
            {
                // The circuit is already gone; the last autosave stands.
            }
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

    /// <summary>A record of what the browser kept: the text and its version.</summary>
    private sealed record UnsavedText(string Text, int Version);
}
