using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using HelpAsk.Core.Domain;
using HelpAsk.Web.Data;
using HelpAsk.Web.Features.Account;
using HelpAsk.Web.Features.Helpers;
using Microsoft.EntityFrameworkCore;

namespace HelpAsk.Web.Features.YourData;

/// <summary>Everything of one account, as JSON (all of it) or CSV (helpers, requests), for the account's owner only.</summary>
public sealed class DataExport(IDbContextFactory<HelpAskDbContext> contexts, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public async Task WriteJsonAsync(string ownerId, Stream output, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.OpenForAsync(ownerId, cancellationToken);
        var account = await db.Users.AsNoTracking().Where(u => u.Id == ownerId).Select(u => new { u.Email, u.EmailConfirmed }).SingleAsync(cancellationToken);
        var export = new
        {
            ExportedAt = clock.GetUtcNow().UtcDateTime,
            Account = account,
            Helpers = HelperDirectory.Alphabetical(await db.Helpers.AsNoTracking().ToListAsync(cancellationToken))
                .Select(h => new { h.Id, h.Name, h.Email, h.Relationship, h.Notes, h.IsArchived, h.CreatedAt }).ToList(),
            Requests = await db.HelpRequests.AsNoTracking().Where(r => r.DeletedAt == null).OrderBy(r => r.CreatedAt)
                .Select(r => new
                {
                    r.Id, r.Title, r.HelperId, r.Status, r.Outcome, r.Situation, r.Signal, r.WhatINeed, r.NeededBy, r.EffortEstimate, r.WhyThisPerson,
                    r.Openness, Message = r.ComposedText, r.CreatedAt, r.SentAt, r.HelpedAt, r.ThankedAt, r.PitfallsAtSend,
                    Timeline = r.Events.OrderBy(e => e.At).Select(e => new { e.At, e.Kind, e.FromStatus, e.ToStatus, e.Detail, e.Note }).ToList(),
                })
                .AsSplitQuery()
                .ToListAsync(cancellationToken),
            ThankYouNotes = await db.ThankYouNotes.AsNoTracking().OrderBy(n => n.CreatedAt)
                .Select(n => new { n.Id, n.HelperId, n.HelpRequestId, n.FollowUpId, n.WhatTheyDid, n.WhatItCost, n.DifferenceItMade, n.Text, n.CreatedAt, n.SentAt, n.SentVia })
                .ToListAsync(cancellationToken),
            FollowUps = await db.ImpactFollowUps.AsNoTracking().OrderBy(f => f.DueOn)
                .Select(f => new { f.Id, f.HelperId, f.HelpRequestId, f.Plan, f.DueOn, f.CreatedAt, f.DoneAt, f.ThankYouNoteId }).ToListAsync(cancellationToken),
            Emails = await db.OutboxMessages.AsNoTracking().OrderBy(m => m.CreatedAt)
                .Select(m => new { m.Purpose, m.ToAddress, m.ToName, m.Subject, m.CreatedAt, m.State, m.DeliveredAt }).ToListAsync(cancellationToken),
            Coaching = await db.CoachingPreferences.AsNoTracking()
                .Select(p => new { p.DisabledRules, p.AllowedPhrases, p.PersonalPhrases, p.IgnoredOccurrences }).SingleOrDefaultAsync(cancellationToken),
        };
        await JsonSerializer.SerializeAsync(output, export, Json, cancellationToken);
    }

    public async Task<string> HelpersCsvAsync(string ownerId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.OpenForAsync(ownerId, cancellationToken);
        var helpers = HelperDirectory.Alphabetical(await db.Helpers.AsNoTracking().ToListAsync(cancellationToken));
        return Csv(["Name", "Email", "Relationship", "Notes", "Archived", "Added"],
            helpers.Select(h => new[] { h.Name, h.Email, h.Relationship, h.Notes, h.IsArchived ? "yes" : "no", Date(h.CreatedAt) }));
    }

    public async Task<string> RequestsCsvAsync(string ownerId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.OpenForAsync(ownerId, cancellationToken);
        var requests = await db.HelpRequests.AsNoTracking().Where(r => r.DeletedAt == null).OrderBy(r => r.CreatedAt)
            .Select(r => new { r.Title, Helper = r.Helper == null ? null : r.Helper.Name, r.Status, r.Outcome, r.CreatedAt, r.SentAt, r.HelpedAt, r.ThankedAt, r.ComposedText })
            .ToListAsync(cancellationToken);
        return Csv(["Title", "Helper", "Status", "Answer", "Created", "Sent", "Helped", "Thanked", "Message"],
            requests.Select(r => new[]
            {
                r.Title, r.Helper, r.Status.ToString(), r.Outcome?.ToString(), Date(r.CreatedAt), Date(r.SentAt), Date(r.HelpedAt), Date(r.ThankedAt), r.ComposedText,
            }));
    }

    private static string? Date(DateTime? at) => at?.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>RFC 4180 CSV; a value that a spreadsheet would run as a formula is prefixed with an apostrophe.</summary>
    private static string Csv(string[] header, IEnumerable<string?[]> rows)
    {
        var csv = new StringBuilder();
        csv.AppendJoin(',', header.Select(Field)).Append("\r\n");
        foreach (var row in rows)
        {
            csv.AppendJoin(',', row.Select(Field)).Append("\r\n");
        }

        return csv.ToString();
    }

    private static string Field(string? value)
    {
        value ??= "";
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }
}
