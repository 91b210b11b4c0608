using HelpAsk.Web.Data;
using HelpAsk.Web.Features.Sending;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace HelpAsk.Web.Features.Account;

/// <summary>
/// Identity's emails (confirm the address, reset the password) go through the same outbox as requests,
/// so they are retried and visible like any other email. The links are passed unencoded: these are plain-text emails.
/// </summary>
public sealed class AccountEmails(IDbContextFactory<HelpAskDbContext> contexts, Outbox outbox) : IEmailSender<ApplicationUser>
{
    public Task SendConfirmationLinkAsync(ApplicationUser user, string email, string confirmationLink) =>
        QueueAsync(user, email, "Confirm your email address for HelpAsk",
            $"""
            Welcome to HelpAsk.

            Please confirm that this is your email address by opening this link:
            {OutboxMessage.LinkPlaceholder}

            If you didn't create an account, you can ignore this email.
            """, confirmationLink);

    public Task SendPasswordResetLinkAsync(ApplicationUser user, string email, string resetLink) =>
        QueueAsync(user, email, "Reset your HelpAsk password",
            $"""
            Someone (hopefully you) asked to reset the password of your HelpAsk account.

            Choose a new password here:
            {OutboxMessage.LinkPlaceholder}

            If it wasn't you, ignore this email: your password stays as it is.
            """, resetLink);

    public Task SendPasswordResetCodeAsync(ApplicationUser user, string email, string resetCode) =>
        QueueAsync(user, email, "Your HelpAsk password reset code",
            $"""
            Your password reset code is:
            {OutboxMessage.LinkPlaceholder}

            If you didn't ask for it, ignore this email.
            """, resetCode);

    private async Task QueueAsync(ApplicationUser user, string email, string subject, string body, string secret)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await contexts.CreateDbContextAsync();
        outbox.Add(db, new OutgoingEmail(user.Id, OutboxPurpose.AccountEmail, email, null, subject, body), secret);
        await db.SaveChangesAsync();
        outbox.Wake();
    }
}
