using System.Data.Common;
using HelpAsk.Core.Domain;
using HelpAsk.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace HelpAsk.Testing;

/// <summary>
/// Many accounts' realistic histories, bulk-loaded: helpers, requests made through the domain (every kind of answer,
/// help, thanks, drafts and deleted drafts, each with its timeline), thank-you notes and impact follow-ups. Rows are
/// written column by column from EF Core's own model and value converters, so they are what the app would have stored,
/// with PostgreSQL's binary COPY (minutes for 500,000 requests, not hours) or, on SQLite, prepared inserts in one
/// transaction per account.
/// </summary>
public static class ScaleSeed
{
    private static readonly string[] Topics =
    [
        "moving a sofa up to the third floor", "reviewing my conference talk", "feeding the cat while I am away",
        "a lift to the airport on Friday", "checking the budget spreadsheet", "proofreading a cover letter",
        "fixing the garden fence", "watering the plants for a week", "a second opinion on the launch plan",
        "carrying boxes on moving day", "practising for the interview", "setting up the new printer",
    ];

    /// <summary>The account ids made, in order: <paramref name="accounts"/> accounts of <paramref name="requests"/> requests each.</summary>
    public static async Task<IReadOnlyList<string>> SeedAsync(HelpAskDbContext db, int accounts, int requests, DateTime now, Action<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        var owners = new List<string>(accounts);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            for (var a = 0; a < accounts; a++)
            {
                var history = Account(a, requests, now);
                owners.Add(history.User.Id);
                await using var transaction = await connection.BeginTransactionAsync();
                await WriteAsync(db, transaction, [history.User]);
                await WriteAsync(db, transaction, history.Helpers);
                await WriteAsync(db, transaction, history.Requests);
                await WriteAsync(db, transaction, [.. history.Requests.SelectMany(r => r.Events)]);
                await WriteAsync(db, transaction, history.FollowUps);
                await WriteAsync(db, transaction, history.Notes);
                await transaction.CommitAsync();
                if ((a + 1) % 20 == 0)
                {
                    progress?.Invoke($"{a + 1} of {accounts} accounts");
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        return owners;
    }

    private sealed record History(ApplicationUser User, List<Helper> Helpers, List<HelpRequest> Requests, List<ThankYouNote> Notes, List<ImpactFollowUp> FollowUps);

    /// <summary>One account's two years: random, but the same on every run.</summary>
    private static History Account(int index, int requests, DateTime now)
    {
        var random = new Random(index);
        var email = $"account{index:000}@example.org";
        var user = new ApplicationUser
        {
            UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
            EmailConfirmed = true, DisplayName = $"Account {index:000}", SecurityStamp = Guid.NewGuid().ToString("N"),
            PasswordHash = "not a password: this account is for measuring queries", LockoutEnabled = true,
        };
        var helpers = Enumerable.Range(1, 5 + random.Next(30))
            .Select(i => new Helper
            {
                OwnerId = user.Id, Name = $"Helper {index:000}-{i:00}", Email = $"helper{i}.{index}@example.org",
                Relationship = i % 3 == 0 ? "neighbour" : "colleague", CreatedAt = now.AddYears(-3),
            })
            .ToList();
        var made = new List<HelpRequest>(requests);
        var notes = new List<ThankYouNote>();
        var followUps = new List<ImpactFollowUp>();
        for (var i = 0; i < requests; i++)
        {
            var helper = helpers[random.Next(helpers.Count)];
            var topic = Topics[random.Next(Topics.Length)];
            var started = now.AddMinutes(-random.Next(2 * 365 * 24 * 60));
            var request = HelpRequest.StartDraft(user.Id, started, $"Help with {topic}");
            request.HelperId = helper.Id;
            request.Situation = $"I am {topic} this month and it is more than I can do alone.";
            request.Signal = "I need your help with this.";
            request.WhatINeed = $"Could you help me with {topic}? About two hours would do.";
            request.ComposedText = $"Hi {helper.Name},\n\n{request.Situation} {request.Signal} {request.WhatINeed}\n\nNo worries if not.";
            made.Add(request);
            var roll = random.Next(100);
            if (roll < 4)
            {
                // A draft, now and then one deleted and waiting for its undo window to pass.
                request.DeletedAt = roll == 0 ? started.AddMinutes(5) : null;
                continue;
            }

            var sent = started.AddMinutes(20 + random.Next(600));
            request.MoveTo(RequestStatus.Sent, sent);
            request.PitfallsAtSend = random.Next(5);
            var answered = sent.AddHours(1 + random.Next(72));
            if (roll < 12 || answered > now)
            {
                continue;
            }

            if (roll < 30)
            {
                request.RecordAnswer(new HelperAnswer(HelperAnswerKind.NotThisTime, null, roll % 2 == 0 ? "Away that week, sorry." : null), answered);
                continue;
            }

            if (roll < 36)
            {
                request.MoveTo(RequestStatus.NoResponse, sent.AddDays(6));
                continue;
            }

            if (roll < 45)
            {
                request.RecordAnswer(new HelperAnswer(HelperAnswerKind.Alternative, "I could lend you my van instead", null), answered);
                continue;
            }

            request.RecordAnswer(new HelperAnswer(HelperAnswerKind.Yes, null, roll % 3 == 0 ? "Happy to!" : null), answered);
            var helped = answered.AddDays(1 + random.Next(10));
            if (roll < 60 || helped > now)
            {
                continue;
            }

            request.MoveTo(RequestStatus.Helped, helped);
            if (roll % 5 == 0)
            {
                followUps.Add(new ImpactFollowUp
                {
                    OwnerId = user.Id, HelperId = helper.Id, HelpRequestId = request.Id, Plan = "how it went",
                    DueOn = DateOnly.FromDateTime(helped.AddDays(30)), CreatedAt = helped,
                    DoneAt = helped.AddDays(30) < now && roll % 2 == 0 ? helped.AddDays(30) : null,
                });
            }

            var thanked = helped.AddDays(random.Next(4));
            if (roll < 75 || thanked > now)
            {
                continue;
            }

            notes.Add(new ThankYouNote
            {
                OwnerId = user.Id, HelperId = helper.Id, HelpRequestId = request.Id, WhatTheyDid = $"You helped with {topic}.",
                DifferenceItMade = "It meant I could get it done in one day.", Text = $"Dear {helper.Name}, thank you for your help with {topic}.",
                CreatedAt = thanked, UpdatedAt = thanked, SentAt = thanked, SentVia = "Emailed",
            });
            request.MoveTo(RequestStatus.Thanked, thanked, $"Thank-you note to {helper.Name} (emailed)");
        }

        return new History(user, helpers, made, notes, followUps);
    }

    /// <summary>Writes entities of one type as the model maps them: every mapped column, through its value converter.</summary>
    private static async Task WriteAsync<T>(HelpAskDbContext db, DbTransaction transaction, IReadOnlyList<T> rows)
        where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }

        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties().Where(p => p.GetColumnName(table) is not null).ToList();
        var names = string.Join(", ", columns.Select(c => $"\"{c.GetColumnName(table)}\""));
        if (transaction.Connection is NpgsqlConnection postgres)
        {
            // Binary COPY: values go in the column's own type, named without its size ("character varying").
            var types = columns.Select(c => c.GetColumnType(table).Split('(')[0]).ToList();
            await using var writer = await postgres.BeginBinaryImportAsync($"COPY \"{table.Name}\" ({names}) FROM STDIN (FORMAT BINARY)");
            foreach (var row in rows)
            {
                await writer.StartRowAsync();
                for (var c = 0; c < columns.Count; c++)
                {
                    if (ProviderValue(columns[c], row) is { } value)
                    {
                        await writer.WriteAsync(value, types[c]);
                    }
                    else
                    {
                        await writer.WriteNullAsync();
                    }
                }
            }

            await writer.CompleteAsync();
            return;
        }

        await using var insert = transaction.Connection!.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"INSERT INTO \"{table.Name}\" ({names}) VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})";
        foreach (var row in rows)
        {
            insert.Parameters.Clear();
            for (var c = 0; c < columns.Count; c++)
            {
                // The mapping makes the parameter as EF Core would (its converter, and the engine's own form of a GUID or date).
                insert.Parameters.Add(columns[c].GetRelationalTypeMapping().CreateParameter(insert, $"@p{c}", columns[c].GetGetter().GetClrValue(row)));
            }

            await insert.ExecuteNonQueryAsync();
        }
    }

    private static object? ProviderValue(IProperty column, object row)
    {
        var value = column.GetGetter().GetClrValue(row);
        return value is null ? null : column.GetTypeMapping().Converter is { } converter ? converter.ConvertToProvider(value) : value;
    }
}
