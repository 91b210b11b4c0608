namespace HelpAsk.Core.Domain;

/// <summary>
/// A request for help to one specific person, built from the five parts of a good ask
/// (Heidi Grant, <i>Reinforcements</i>): the situation, a clear signal, one helper,
/// the specifics, and openness to any form of help.
/// </summary>
public sealed class HelpRequest : IOwned, IVersioned
{
    public const int TitleMaxLength = 120;
    public const int PartMaxLength = 4_000;
    public const int ComposedTextMaxLength = 20_000;

    private readonly List<RequestEvent> events = [];

    private HelpRequest()
    {
    }

    public Guid Id { get; private init; }
    public string OwnerId { get; private init; } = "";
    public string Title { get; set; } = "";

    /// <summary>The one person asked; null while the draft has none yet.</summary>
    public Guid? HelperId { get; set; }

    public Helper? Helper { get; set; }

    // Step 1: make them aware of the situation.
    public string Situation { get; set; } = "";

    // Step 2: say clearly that you need help.
    public string Signal { get; set; } = "";

    // Step 4: what exactly, by when, how much effort, and why this person.
    public string WhatINeed { get; set; } = "";
    public DateOnly? NeededBy { get; set; }
    public string EffortEstimate { get; set; } = "";
    public string WhyThisPerson { get; set; } = "";

    // Step 5: stay open to any form of help and make "no" easy.
    public string Openness { get; set; } = "";

    public MessageParts Parts => new(Situation, Signal, WhatINeed, NeededBy, EffortEstimate, WhyThisPerson, Openness);

    /// <summary>The whole message as it will be sent, edited on the review step.</summary>
    public string ComposedText { get; set; } = "";

    public RequestStatus Status { get; private set; }
    public DateTime CreatedAt { get; private init; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? SentAt { get; private set; }

    /// <summary>The helper's latest answer (a request that was helped without one counts as a yes).</summary>
    public RequestOutcome? Outcome { get; private set; }

    public DateTime? HelpedAt { get; private set; }
    public DateTime? ThankedAt { get; private set; }

    /// <summary>How many pitfalls the coach found in the message as it was sent: the user's asking habits over time.</summary>
    public int? PitfallsAtSend { get; set; }

    /// <summary>The composer step the user last moved to on this draft, where it reopens; null until they move.</summary>
    public int? ComposerStep { get; set; }

    /// <summary>When the draft was deleted; it can be restored until the deleted drafts are purged.</summary>
    public DateTime? DeletedAt { get; set; }

    /// <summary>Changes on every save, so two tabs editing one draft cannot silently overwrite each other.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    public IReadOnlyList<RequestEvent> Events => events;

    public static HelpRequest StartDraft(string ownerId, DateTime now, string title = "")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ownerId);
        var request = new HelpRequest
        {
            Id = Guid.CreateVersion7(),
            OwnerId = ownerId,
            Title = title,
            CreatedAt = now,
            UpdatedAt = now,
            Status = RequestStatus.Draft,
        };
        request.events.Add(new RequestEvent
        {
            HelpRequestId = request.Id,
            OwnerId = ownerId,
            At = now,
            Kind = RequestEventKind.Created,
            ToStatus = RequestStatus.Draft,
        });
        return request;
    }

    /// <summary>
    /// A new draft with this request's words, for asking someone else after "not this time": no helper chosen yet,
    /// and no composed message, since that greets the first helper by name.
    /// </summary>
    public HelpRequest CopyForAnotherHelper(DateTime now)
    {
        var copy = StartDraft(OwnerId, now, Title);
        copy.Situation = Situation;
        copy.Signal = Signal;
        copy.WhatINeed = WhatINeed;
        copy.NeededBy = NeededBy;
        copy.EffortEstimate = EffortEstimate;
        copy.WhyThisPerson = WhyThisPerson;
        copy.Openness = Openness;
        return copy;
    }

    /// <summary>Moves the request along its status flow and records the change on the timeline.</summary>
    /// <exception cref="InvalidOperationException">The move is not allowed from the current status.</exception>
    public RequestEvent MoveTo(RequestStatus next, DateTime now, string? detail = null)
    {
        if (!RequestStatusFlow.CanMove(Status, next))
        {
            throw new InvalidOperationException($"A request that is {Status} cannot become {next}.");
        }

        return Record(RequestEventKind.StatusChanged, next, now, detail, note: null);
    }

    /// <summary>
    /// The one place a status changes: the timeline entry, the status, and what the dashboard counts
    /// (when it was sent, helped and thanked, and the helper's latest answer).
    /// </summary>
    private RequestEvent Record(RequestEventKind kind, RequestStatus next, DateTime now, string? detail, string? note)
    {
        var change = new RequestEvent
        {
            HelpRequestId = Id,
            OwnerId = OwnerId,
            At = now,
            Kind = kind,
            FromStatus = Status,
            ToStatus = next,
            Detail = detail,
            Note = note,
        };
        events.Add(change);
        Status = next;
        UpdatedAt = now;
        switch (next)
        {
            case RequestStatus.Sent:
                SentAt = now;
                break;
            case RequestStatus.Helped:
                HelpedAt = now;
                Outcome ??= RequestOutcome.Yes;
                break;
            case RequestStatus.Thanked:
                ThankedAt = now;
                break;
            default:
                Outcome = OutcomeOf(next) ?? Outcome;
                break;
        }

        return change;
    }

    private static RequestOutcome? OutcomeOf(RequestStatus status) => status switch
    {
        RequestStatus.Accepted => RequestOutcome.Yes,
        RequestStatus.AlternativeOffered => RequestOutcome.Alternative,
        RequestStatus.Declined => RequestOutcome.NotThisTime,
        RequestStatus.NoResponse => RequestOutcome.NoAnswer,
        _ => null,
    };

    /// <summary>Adds a note to the timeline without changing the status.</summary>
    public RequestEvent AddNote(DateTime now, string detail)
    {
        var note = new RequestEvent { HelpRequestId = Id, OwnerId = OwnerId, At = now, Kind = RequestEventKind.Note, Detail = detail };
        events.Add(note);
        UpdatedAt = now;
        return note;
    }

    /// <summary>Whether the helper can still answer: the request was sent and has not been closed.</summary>
    public bool IsOpenForAnswers => Status is RequestStatus.Sent or RequestStatus.Accepted or RequestStatus.AlternativeOffered
        or RequestStatus.Declined or RequestStatus.NoResponse;

    /// <summary>
    /// Records the helper's answer from their answer page. They may change their mind while the request
    /// is open; the answer page leaves out an answer identical to the current one (see HelperAnswers), so only changes are recorded.
    /// </summary>
    /// <exception cref="InvalidOperationException">The request is not open for answers.</exception>
    public RequestEvent RecordAnswer(HelperAnswer answer, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (!IsOpenForAnswers)
        {
            throw new InvalidOperationException($"A request that is {Status} takes no answers.");
        }

        return Record(
            RequestEventKind.Answered, answer.Status, now,
            detail: answer.Normalized.Alternative,
            note: answer.Normalized.Note);
    }
}
