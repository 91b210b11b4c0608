using HelpAsk.Core.Domain;
using HelpAsk.Web.Features.Notifications;
using HelpAsk.Web.Features.Sending;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace HelpAsk.Web.Data;

/// <summary>
/// The database. Rows owned by an account (see <see cref="IOwned"/>: its requests and their timeline events among them), and the answer links of its requests,
/// are visible only to a context opened for that account (<see cref="OwnedData.OpenForAsync"/>): the
/// <see cref="Ownership"/> query filter is the one place ownership is checked. A context made straight from the factory
/// sees none of them; the few jobs that work across accounts (the outbox dispatcher, the helper's answer page, the
/// deleted-draft sweep, the reminders) say so with <c>IgnoreQueryFilters([HelpAskDbContext.Ownership])</c>.
/// </summary>
public sealed class HelpAskDbContext(DbContextOptions<HelpAskDbContext> options)
    : IdentityDbContext<ApplicationUser>(options), IDataProtectionKeyContext
{
    /// <summary>The name of the query filter that limits owned rows to <see cref="Owner"/>.</summary>
    public const string Ownership = nameof(Ownership);

    /// <summary>The account whose rows this context reads and writes; null for a context that serves no account.</summary>
    public string? Owner { get; internal set; }

    public DbSet<Helper> Helpers => Set<Helper>();
    public DbSet<HelpRequest> HelpRequests => Set<HelpRequest>();
    public DbSet<RequestEvent> RequestEvents => Set<RequestEvent>();
    public DbSet<ThankYouNote> ThankYouNotes => Set<ThankYouNote>();
    public DbSet<CoachingPreferences> CoachingPreferences => Set<CoachingPreferences>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<ResponseLink> ResponseLinks => Set<ResponseLink>();
    public DbSet<ImpactFollowUp> ImpactFollowUps => Set<ImpactFollowUp>();
    public DbSet<NotificationOptOut> NotificationOptOuts => Set<NotificationOptOut>();
    public DbSet<SentReminder> SentReminders => Set<SentReminder>();
    public DbSet<NotifiedFollowUp> NotifiedFollowUps => Set<NotifiedFollowUp>();
    public DbSet<DigestEntry> DigestEntries => Set<DigestEntry>();
    public DbSet<SentDigest> SentDigests => Set<SentDigest>();

    /// <summary>The data-protection keys, shared by every instance: on PostgreSQL only (SQLite keeps them in files, see <see cref="KeyStorage"/>).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>Who an account is to the people it asks: its name, and its address, where their replies go.</summary>
    public Task<AccountContact> ContactOfAsync(string accountId, CancellationToken cancellationToken) =>
        Users.Where(u => u.Id == accountId).Select(u => new AccountContact(u.Email, u.DisplayName)).SingleAsync(cancellationToken);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<string>().HaveConversion<StoredText>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        if (!Database.IsNpgsql())
        {
            // The model differs by provider in this one table; each provider's migrations follow its own model.
            builder.Ignore<DataProtectionKey>();
        }

        builder.Entity<ApplicationUser>().Property(u => u.DisplayName).HasMaxLength(DisplayName.MaxLength);
        builder.Entity<ApplicationUser>().Property(u => u.TimeZone).HasMaxLength(Features.Account.AccountLocale.ZoneMaxLength);
        builder.Entity<ApplicationUser>().Property(u => u.Culture).HasMaxLength(Features.Account.AccountLocale.CultureMaxLength);

        builder.Entity<Helper>(helper =>
        {
            helper.HasKey(h => h.Id);
            OwnedByAccount(helper);
            helper.Property(h => h.Name).HasMaxLength(Helper.NameMaxLength);
            helper.Property(h => h.Email).HasMaxLength(Helper.EmailMaxLength);
            helper.Property(h => h.Relationship).HasMaxLength(Helper.RelationshipMaxLength);
            helper.Property(h => h.Notes).HasMaxLength(Helper.NotesMaxLength);
            helper.HasIndex(h => new { h.OwnerId, h.Name });
        });

        builder.Entity<HelpRequest>(request =>
        {
            request.HasKey(r => r.Id);
            OwnedByAccount(request);
            request.Property(r => r.Title).HasMaxLength(HelpRequest.TitleMaxLength);
            request.Property(r => r.Status).HasConversion<string>().HasMaxLength(32);
            request.Property(r => r.Version).IsConcurrencyToken();
            // NO ACTION, checked at the end of the statement: deleting a helper who has requests fails,
            // while deleting the whole account still cascades through both tables.
            request.HasOne(r => r.Helper).WithMany().HasForeignKey(r => r.HelperId).OnDelete(DeleteBehavior.NoAction);
            request.HasMany(r => r.Events).WithOne().HasForeignKey(e => e.HelpRequestId).OnDelete(DeleteBehavior.Cascade);
            request.Navigation(r => r.Events).HasField("events").UsePropertyAccessMode(PropertyAccessMode.Field);
            request.Property(r => r.Outcome).HasConversion<string>().HasMaxLength(16);
            // Every query reads one account's requests: each index starts with the owner, so no other account's rows are read.
            // The list's newest-changes-first page (no status chosen) walks the second one and stops at the page.
            request.HasIndex(r => new { r.OwnerId, r.Status, r.UpdatedAt });
            request.HasIndex(r => new { r.OwnerId, r.DeletedAt, r.UpdatedAt });
            request.HasIndex(r => new { r.OwnerId, r.HelpedAt });
            request.HasIndex(r => new { r.OwnerId, r.SentAt });
            request.HasIndex(r => r.HelperId);
        });

        builder.Entity<RequestEvent>(e =>
        {
            e.HasKey(x => x.Id);
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(32);
            e.Property(x => x.FromStatus).HasConversion<string>().HasMaxLength(32);
            e.Property(x => x.ToStatus).HasConversion<string>().HasMaxLength(32);
            e.Property(x => x.Detail).HasMaxLength(HelpRequest.PartMaxLength);
            e.Property(x => x.Note).HasMaxLength(HelperAnswer.NoteMaxLength);
            OwnedByAccount(e);
            e.HasIndex(x => new { x.HelpRequestId, x.At });

            // The dashboard's recent activity and recent answers read the account's newest events first.
            e.HasIndex(x => new { x.OwnerId, x.At });
            e.HasIndex(x => new { x.OwnerId, x.Kind, x.At });
        });

        builder.Entity<ThankYouNote>(note =>
        {
            note.HasKey(n => n.Id);
            OwnedByAccount(note);
            note.Property(n => n.Text).HasMaxLength(ThankYouNote.TextMaxLength);
            note.Property(n => n.WhatTheyDid).HasMaxLength(ThankYouNote.PartMaxLength);
            note.Property(n => n.WhatItCost).HasMaxLength(ThankYouNote.PartMaxLength);
            note.Property(n => n.DifferenceItMade).HasMaxLength(ThankYouNote.PartMaxLength);
            note.Property(n => n.SentVia).HasMaxLength(1_000);
            note.Property(n => n.Version).IsConcurrencyToken();
            note.HasOne<ImpactFollowUp>().WithMany().HasForeignKey(n => n.FollowUpId).OnDelete(DeleteBehavior.SetNull);
            note.HasIndex(n => new { n.OwnerId, n.SentAt });
            note.HasOne(n => n.Helper).WithMany().HasForeignKey(n => n.HelperId).OnDelete(DeleteBehavior.NoAction);
            note.HasOne<HelpRequest>().WithMany().HasForeignKey(n => n.HelpRequestId).OnDelete(DeleteBehavior.SetNull);
            note.HasIndex(n => n.HelperId);
        });

        builder.Entity<ImpactFollowUp>(followUp =>
        {
            followUp.HasKey(f => f.Id);
            OwnedByAccount(followUp);
            followUp.Property(f => f.Plan).HasMaxLength(ImpactFollowUp.PlanMaxLength);
            followUp.HasOne(f => f.Helper).WithMany().HasForeignKey(f => f.HelperId).OnDelete(DeleteBehavior.NoAction);
            followUp.HasOne<HelpRequest>().WithMany().HasForeignKey(f => f.HelpRequestId).OnDelete(DeleteBehavior.SetNull);
            followUp.HasIndex(f => new { f.OwnerId, f.DoneAt, f.DueOn });
        });

        builder.Entity<OutboxMessage>(message =>
        {
            message.HasKey(m => m.Id);
            OwnedByAccount(message);
            message.Property(m => m.Purpose).HasConversion<string>().HasMaxLength(32);
            message.Property(m => m.State).HasConversion<string>().HasMaxLength(16);
            message.Property(m => m.ToAddress).HasMaxLength(Helper.EmailMaxLength);
            message.Property(m => m.ToName).HasMaxLength(Helper.NameMaxLength);
            message.Property(m => m.ReplyTo).HasMaxLength(Helper.EmailMaxLength);
            message.Property(m => m.SenderName).HasMaxLength(DisplayName.MaxLength);
            message.Property(m => m.Subject).HasMaxLength(OutboxMessage.SubjectMaxLength);
            message.Property(m => m.Body).HasMaxLength(OutboxMessage.BodyMaxLength);
            message.Property(m => m.HtmlBody).HasMaxLength(OutboxMessage.BodyMaxLength);
            message.Property(m => m.LastError).HasMaxLength(1_000);
            message.Property(m => m.DeliveredTo).HasMaxLength(1_000);
            message.HasOne<HelpRequest>().WithMany().HasForeignKey(m => m.HelpRequestId).OnDelete(DeleteBehavior.Cascade);
            message.HasOne<ThankYouNote>().WithMany().HasForeignKey(m => m.ThankYouNoteId).OnDelete(DeleteBehavior.Cascade);
            message.HasIndex(m => new { m.State, m.NextAttemptAt });
            message.HasIndex(m => new { m.OwnerId, m.CreatedAt });
            message.HasIndex(m => m.HelpRequestId);
        });

        builder.Entity<ResponseLink>(link =>
        {
            link.HasKey(l => l.Id);
            link.Property(l => l.Id).ValueGeneratedNever();
            link.Property(l => l.TokenHash).HasMaxLength(64).IsRequired();
            link.HasIndex(l => l.TokenHash).IsUnique();
            link.HasIndex(l => l.HelpRequestId);
            link.HasOne<HelpRequest>().WithMany().HasForeignKey(l => l.HelpRequestId).OnDelete(DeleteBehavior.Cascade);
            link.HasQueryFilter(Ownership, l => HelpRequests.Any(r => r.Id == l.HelpRequestId));
        });

        builder.Entity<CoachingPreferences>(preferences =>
        {
            preferences.HasKey(p => p.OwnerId);
            OwnedByAccount(preferences);
            preferences.PrimitiveCollection(p => p.DisabledRules);
            preferences.PrimitiveCollection(p => p.AllowedPhrases);
            preferences.OwnsMany(p => p.PersonalPhrases, phrase => phrase.ToJson());
            preferences.OwnsMany(p => p.IgnoredOccurrences, occurrence => occurrence.ToJson());
        });

        builder.Entity<NotificationOptOut>(optOut =>
        {
            optOut.HasKey(o => new { o.OwnerId, o.Kind });
            OwnedByAccount(optOut);
            optOut.Property(o => o.Kind).HasConversion<string>().HasMaxLength(32);
        });

        builder.Entity<SentReminder>(reminder =>
        {
            // The key is what makes a reminder once only, whatever restarts or runs twice.
            reminder.HasKey(r => new { r.HelpRequestId, r.Kind });
            OwnedByAccount(reminder);
            reminder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(32);
            reminder.HasOne<HelpRequest>().WithMany().HasForeignKey(r => r.HelpRequestId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<NotifiedFollowUp>(notified =>
        {
            // As for reminders: the key makes the follow-up's email once only.
            notified.HasKey(n => n.FollowUpId);
            OwnedByAccount(notified);
            notified.HasOne<ImpactFollowUp>().WithMany().HasForeignKey(n => n.FollowUpId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<DigestEntry>(entry =>
        {
            entry.HasKey(e => e.Id);
            OwnedByAccount(entry);
            entry.Property(e => e.Kind).HasConversion<string>().HasMaxLength(32);
            entry.HasIndex(e => new { e.OwnerId, e.DigestedAt });
        });

        builder.Entity<SentDigest>(digest =>
        {
            // The key makes a day's digest once only, whatever restarts or runs twice.
            digest.HasKey(d => new { d.OwnerId, d.Day });
            OwnedByAccount(digest);
        });

        // Ids are made by the domain, so entities reached through a navigation are inserted, not updated.
        foreach (var entity in new[] { typeof(Helper), typeof(HelpRequest), typeof(RequestEvent), typeof(ThankYouNote), typeof(OutboxMessage), typeof(ImpactFollowUp) })
        {
            builder.Entity(entity).Property(nameof(Helper.Id)).ValueGeneratedNever();
        }

        // SQLite keeps no time zone: every timestamp is written in UTC and read back as UTC.
        var utc = new ValueConverter<DateTime, DateTime>(v => v.ToUniversalTime(), v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
        foreach (var property in builder.Model.GetEntityTypes().SelectMany(t => t.GetProperties())
                     .Where(p => p.ClrType == typeof(DateTime) || p.ClrType == typeof(DateTime?)))
        {
            property.SetValueConverter(property.ClrType == typeof(DateTime) ? utc : NullableUtc);
        }
    }

    private static readonly ValueConverter<DateTime?, DateTime?> NullableUtc = new(
        v => v.HasValue ? v.Value.ToUniversalTime() : v,
        v => v.HasValue ? DateTime.SpecifyKind(v.Value, DateTimeKind.Utc) : v);

    /// <summary>
    /// Every owned row belongs to an account, is seen only by a context opened for it, and goes with it when the account
    /// is deleted.
    /// </summary>
    private void OwnedByAccount<T>(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<T> entity)
        where T : class, IOwned
    {
        entity.Property(x => x.OwnerId).HasMaxLength(450).IsRequired();
        entity.HasOne<ApplicationUser>().WithMany().HasForeignKey(x => x.OwnerId).OnDelete(DeleteBehavior.Cascade);
        entity.HasQueryFilter(Ownership, x => x.OwnerId == Owner);
    }

    public override Task<int> SaveChangesAsync(CancellationToken cancellationToken = default)
    {
        // A context opened for one account never writes another's rows, whatever a caller put in OwnerId.
        if (Owner is not null && ChangeTracker.Entries<IOwned>().FirstOrDefault(e => e.State != EntityState.Unchanged && e.Entity.OwnerId != Owner) is { } foreign)
        {
            throw new InvalidOperationException($"A {foreign.Metadata.ClrType.Name} of another account cannot be written here.");
        }

        foreach (var entry in ChangeTracker.Entries<IVersioned>().Where(e => e.State == EntityState.Modified))
        {
            entry.Entity.Version = Guid.NewGuid();
        }

        return base.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>
/// An account as the people it asks know it. Without a display name (accounts made before names were asked)
/// the helper sees the address, which they can recognise and reply to, rather than a made-up name.
/// </summary>
public sealed record AccountContact(string? Email, string? DisplayName)
{
    /// <summary>The name to show a helper: the display name, or the address.</summary>
    public string ShownName => Core.Domain.DisplayName.Normalize(DisplayName) ?? Email ?? "";
}
