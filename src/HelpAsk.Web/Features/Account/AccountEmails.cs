using HelpAsk.Web.Data;
using HelpAsk.Web.Features.Sending;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpAsk.Web.Features.Account;

/// <summary>
/// Identity's emails (confirm the address, reset the password) go through the same outbox as requests,
/// so they are retried and visible like any other email. The links are passed unencoded: these are plain-text emails.
/// One address gets at most <see cref="AccountEmailLimits.PerAddressPermitLimit"/> of them per window; past that they
/// are dropped without a word to the sender, who must not learn more than from a sent one.
/// </summary>
public sealed partial class AccountEmails(
    IDbContextFactory<HelpAskDbContext> contexts, Outbox outbox, PublicLinks links, IOptions<AccountEmailLimits> limits, ILogger<AccountEmails> logger)
    : IEmailSender<ApplicationUser>, IDisposable
{
    private readonly System.Threading.RateLimiting.PartitionedRateLimiter<string> perAddress = limits.Value.PerAddress();

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

    /// <summary>For the owner of an address someone tried to register again: the registration page itself says nothing.</summary>
    public Task SendRegistrationAttemptAsync(ApplicationUser user, string email) =>
        QueueAsync(user, email, "Someone tried to create a HelpAsk account with your address",
            $"""
            Someone (hopefully you) tried to create a HelpAsk account with this email address, which already has one.

            If it was you, log in; forgot your password? Reset it here:
            {OutboxMessage.LinkPlaceholder}

            If it wasn't you, ignore this email: nothing changed in your account.
            """, links.To("Account/ForgotPassword"));

    public void Dispose() => perAddress.Dispose();

    private async Task QueueAsync(ApplicationUser user, string email, string subject, string body, string secret)
    {
        ArgumentNullException.ThrowIfNull(user);
        using var permit = perAddress.AttemptAcquire(email);
        if (!permit.IsAcquired)
        {
            LogAddressLimited(user.Id);
            return;
        }

        await using var db = await contexts.CreateDbContextAsync();
        outbox.Add(db, new OutgoingEmail(user.Id, OutboxPurpose.AccountEmail, email, null, subject, body), secret);
        await db.SaveChangesAsync();
        outbox.Wake();
    }

    [LoggerMessage(LogLevel.Warning, "Account email to the address of account {AccountId} not sent: too many in a short while.")]
    private partial void LogAddressLimited(string accountId);
}
