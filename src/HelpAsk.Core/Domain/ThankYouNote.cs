namespace HelpAsk.Core.Domain;

/// <summary>
/// A thank-you note to a helper, usually for one request they helped with; or, when it answers a planned
/// follow-up, a later note telling them what difference their help made.
/// </summary>
public sealed class ThankYouNote : IOwned, IVersioned
{
    public const int PartMaxLength = 2_000;
    public const int TextMaxLength = 10_000;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string OwnerId { get; init; }
    public Guid HelperId { get; init; }
    public Helper? Helper { get; init; }
    public Guid? HelpRequestId { get; init; }

    /// <summary>The follow-up this note completes: an impact update rather than a first thanks.</summary>
    public Guid? FollowUpId { get; init; }

    // The guidance: about them, not you.
    public string WhatTheyDid { get; set; } = "";
    public string WhatItCost { get; set; } = "";
    public string DifferenceItMade { get; set; } = "";

    /// <summary>The note as it is sent, put together from the parts and edited freely.</summary>
    public string Text { get; set; } = "";

    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? SentAt { get; set; }

    /// <summary>How it went: "Emailed", or the user's own words ("in person").</summary>
    public string? SentVia { get; set; }

    /// <summary>Changes on every save, so two tabs cannot silently overwrite each other.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    public bool IsImpactUpdate => FollowUpId is not null;

    public ThankYouNoteParts Parts => new(WhatTheyDid, WhatItCost, DifferenceItMade);
}

/// <summary>The guided parts of a thank-you note.</summary>
public sealed record ThankYouNoteParts(string WhatTheyDid, string WhatItCost, string DifferenceItMade);
