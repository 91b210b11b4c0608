namespace HelpAsk.Core.Domain;

/// <summary>
/// A plan to tell a helper, later, what difference their help made ("tell Sam how the launch went"):
/// people are more willing to help again when they learn the impact of what they did.
/// </summary>
public sealed class ImpactFollowUp : IOwned
{
    public const int PlanMaxLength = 300;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string OwnerId { get; init; }
    public Guid HelperId { get; init; }
    public Helper? Helper { get; init; }
    public Guid? HelpRequestId { get; init; }
    public required string Plan { get; set; }
    public DateOnly DueOn { get; set; }
    public DateTime CreatedAt { get; init; }
    public DateTime? DoneAt { get; set; }

    /// <summary>The note that told them.</summary>
    public Guid? ThankYouNoteId { get; set; }

    public bool IsDueOn(DateOnly today) => DoneAt is null && DueOn <= today;
}
