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
/// The thanks composer: three guided answers and the note itself, a coached draft (<see cref="CoachedPage{TContent}"/>)
/// in thanks mode, then sent by email or given by the user.
/// </summary>
public sealed partial class ThanksPage
{
    private List<string> sendErrors = [];
    private ThankYouNote? note;
    private ImpactFollowUp? followUp;
    private readonly HashSet<uint> composedNotes = [];
    private Task following = Task.CompletedTask;
    private bool busy;
    private string how = "";

    [Inject]
    private ThanksStore Thanks { get; set; } = default!;

    [Parameter]
    public Guid Id { get; set; }

    protected override IReadOnlyList<CoachedPart<ThanksContent>> Parts => ThanksParts.All;

    protected override MessageKind Kind => MessageKind.Thanks;

    protected override string DraftKey => $"thanks:{Id}";

    protected override bool Editable => note?.SentAt is null;

    private string HelperFirstName => RequestMessage.FirstName(note?.Helper?.Name ?? "them");

    private string Heading => note is null ? "Say thanks"
        : note.IsImpactUpdate ? $"Tell {HelperFirstName} what difference it made"
        : $"Thank {HelperFirstName}";

    private string MailtoLink => note is null ? "" : MailApp.Link(note.Helper?.Email, ThanksStore.SubjectOf(note), Content?.Text ?? "");

    /// <summary>
    /// Whether the note is empty or a text this page put together from the answers: then it follows them; once the user
    /// edits it, it is theirs. Not only the latest answers' text counts: with a slow network the note can be a
    /// keystroke behind them when the next one comes, and it must not then count as the user's.
    /// </summary>
    private bool NoteFollowsAnswers(ThanksContent content) =>
        string.IsNullOrWhiteSpace(content.Text) || content.Text == Compose(content) || composedNotes.Contains(TypedTexts.Hash(content.Text));

    /// <summary>While the note is just the answers put together, its findings repeat theirs: list each only once.</summary>
    private IReadOnlyList<FieldCoaching> CurrentFields =>
        [.. ThanksParts.All.Where(p => p != ThanksParts.Note || Content!.Text != Compose(Content)).Select(CoachingOf)];

    protected override async Task OnInitializedAsync()
    {
        note = await Thanks.FindAsync(Id);
        if (note is null)
        {
            NotFound = true;
            return;
        }

        followUp = await Thanks.FollowUpOfAsync(note);
        await LoadOptionsAsync();
        Load(ThanksContent.From(note), note.Version);
        SavedAt = note.UpdatedAt > note.CreatedAt ? note.UpdatedAt : null;
    }

    protected override Task<DraftSave<ThanksContent>> WriteDraftAsync(Guid expectedVersion, ThanksContent content) =>
        Thanks.SaveAsync(Id, expectedVersion, content);

    // The panel lists the note's findings only once it is the user's own, which typing can change.
    protected override string Outline() => Content is null ? "" : $"{base.Outline()} {Content.Text == Compose(Content)}";

    /// <summary>
    /// While the note follows the answers, it is proposed again after each answer typed: one proposal at a time,
    /// until the note says what the latest answers put together (or the user took it over).
    /// </summary>
    protected override Task AfterTypingAsync(CoachedPart<ThanksContent> part, ThanksContent before)
    {
        if (part == ThanksParts.Note || !NoteFollowsAnswers(before) || !following.IsCompleted)
        {
            // The note is the user's, or already following: the running loop takes up the latest answers.
            return following;
        }

        return following = FollowAnswersAsync();
    }

    private async Task FollowAnswersAsync()
    {
        try
        {
            while (Content is not null && NoteFollowsAnswers(Content) && Compose(Content) is var composed && composed != Content.Text)
            {
                composedNotes.Add(TypedTexts.Hash(composed));
                if (!await SetTextAsync(ThanksParts.Note, composed, asEdit: false))
                {
                    return;
                }
            }
        }
        catch (Exception error) when (error is JSException or OperationCanceledException or ObjectDisposedException)
        {
            // The tab did not take the proposal: the note stays as the browser has it, which reaches the server as typing.
        }
    }

    // Sending waits for the note to catch up with the answers typed last.
    protected override Task ProposalsMadeAsync() => following;

    private string Compose(ThanksContent parts) => ThanksMessage.Compose(parts.Parts, note?.Helper?.Name);

    private void RebuildNote()
    {
        var previous = Content!.Text;
        _ = SetTextAsync(ThanksParts.Note, Compose(Content), asEdit: true);
        Snackbar.Offer("The note was put together from your answers.", "Undo", () => InvokeAsync(() => SetTextAsync(ThanksParts.Note, previous, asEdit: true)));
    }

    private Task SendByEmailAsync() => SendAsync(() => Thanks.SendByEmailAsync(Id), $"Your note is on its way to {HelperFirstName}.");

    private Task MarkSentAsync() => SendAsync(() => Thanks.MarkSentAsync(Id, how), "Recorded as given.");

    private async Task SendAsync(Func<Task<RequestChange>> send, string success)
    {
        busy = true;
        sendErrors = [];
        try
        {
            // What is sent is what was stored, as the user sees it.
            if (!await StoreAsShownAsync())
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
                    NotFound = true;
                    break;
            }
        }
        finally
        {
            busy = false;
        }
    }

    private Task CopyAsync() =>
        Clipboard.CopyAsync(JS, Snackbar, Content!.Text, "Copied. Paste it wherever you'll give it, then mark it as given.", "note");
}
