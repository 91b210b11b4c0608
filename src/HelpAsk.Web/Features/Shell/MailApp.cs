namespace HelpAsk.Web.Features.Shell;

/// <summary>For a message the user sends from their own mail program rather than through HelpAsk.</summary>
public static class MailApp
{
    /// <summary>A <c>mailto:</c> link that opens the user's mail program with the message ready to send.</summary>
    public static string Link(string? to, string subject, string body) =>
        $"mailto:{Uri.EscapeDataString(to ?? "")}?subject={Uri.EscapeDataString(subject)}&body={Uri.EscapeDataString(body)}";
}
