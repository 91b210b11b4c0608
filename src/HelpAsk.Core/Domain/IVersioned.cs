namespace HelpAsk.Core.Domain;

/// <summary>A draft edited in a browser tab: its <see cref="Version"/> changes on every save, so two tabs cannot silently overwrite each other.</summary>
public interface IVersioned
{
    Guid Version { get; set; }

    DateTime UpdatedAt { get; set; }
}
