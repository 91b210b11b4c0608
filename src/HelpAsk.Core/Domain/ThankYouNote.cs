namespace HelpAsk.Core.Domain;

/// <summary>A thank-you note to a helper, usually for one request they helped with.</summary>
public sealed class ThankYouNote : IOwned
{
    public const int TextMaxLength = 10_000;

    public Guid Id { get; init; } = Guid.NewGuid();
    public required string OwnerId { get; init; }
    public Guid HelperId { get; init; }
    public Helper? Helper { get; init; }
    public Guid? HelpRequestId { get; init; }
    public string Text { get; set; } = "";
    public DateTime CreatedAt { get; init; }
    public DateTime? SentAt { get; set; }
}
