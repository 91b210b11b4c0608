namespace HelpAsk.Core.Domain;

/// <summary>A person the user may ask for help.</summary>
public sealed class Helper : IOwned
{
    public const int NameMaxLength = 100;
    public const int EmailMaxLength = 254;
    public const int RelationshipMaxLength = 100;
    public const int NotesMaxLength = 2_000;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string OwnerId { get; init; }
    public required string Name { get; set; }
    public string? Email { get; set; }
    public string? Relationship { get; set; }
    public string? Notes { get; set; }
    public DateTime CreatedAt { get; init; }

    /// <summary>
    /// An archived helper drops out of pickers but keeps the history of requests and thanks
    /// that refer to them; helpers with history are archived rather than deleted.
    /// </summary>
    public bool IsArchived { get; set; }
}
