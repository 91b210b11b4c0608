namespace HelpAsk.Core.Domain;

/// <summary>Data that belongs to exactly one account; no other account may read or change it.</summary>
public interface IOwned
{
    string OwnerId { get; }
}
