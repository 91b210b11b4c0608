using HelpAsk.Testing;
using HelpAsk.Web.Data;
using HelpAsk.Web.Features.Helpers;
using HelpAsk.Web.Features.Account;
using HelpAsk.Web.Features.Requests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace HelpAsk.Web.Tests.Integration;

/// <summary>The requests list's word search: what it finds, and on PostgreSQL that an index answers it.</summary>
public sealed class RequestSearchTests : TwoAccountsTest
{
    private const string TextIndex = "IX_HelpRequests_OwnerId_Text_trgm";

    [Fact]
    public async Task A_search_finds_words_in_any_part_of_a_request_or_its_helper_s_name_in_any_case_and_only_the_account_s_own()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var requests = App.ServiceFor<RequestStore>(Alice, scope);
        var priya = await App.ServiceFor<HelperDirectory>(Alice, scope).AddValidAsync("Priya Shah");
        var inTitle = await requests.StartDraftAsync("The printer jams");
        var inSituation = await requests.StartDraftAsync("Office move");
        await requests.SaveDraftAsync(inSituation.Id, inSituation.Version, DraftContent.From(inSituation) with { Situation = "Our PRINTER has to go to the new floor." });
        var toPriya = await requests.StartDraftAsync("Lift on Friday");
        await requests.SaveDraftAsync(toPriya.Id, toPriya.Version, DraftContent.From(toPriya) with { HelperId = priya.Id });
        await requests.StartDraftAsync("Plants need water");
        await App.ServiceFor<RequestStore>(Bob, scope).StartDraftAsync("Bob's printer");

        Assert.Equal(["Office move", "The printer jams"], (await requests.PageAsync(new RequestFilter(Search: "Printer"), 1, 25)).Rows.Select(r => r.Title).Order());
        Assert.Equal(["Lift on Friday"], (await requests.PageAsync(new RequestFilter(Search: "shah"), 1, 25)).Rows.Select(r => r.Title));
        Assert.Equal(0, (await requests.PageAsync(new RequestFilter(Search: "photocopier"), 1, 25)).Total);
    }

    [Fact]
    public async Task On_PostgreSQL_a_word_search_is_answered_by_the_account_s_trigram_index_not_a_scan()
    {
        Assert.SkipWhen(HelpAskAppFactory.Provider != DatabaseProvider.PostgreSQL, "PostgreSQL only: SQLite has no trigram index and searches the account's rows");
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<HelpAskDbContext>>().OpenForAsync(Alice, TestContext.Current.CancellationToken);
        var search = RequestStore.WithText(db.HelpRequests.Where(r => r.DeletedAt == null), TextSearch.Anywhere("printer"), [Guid.CreateVersion7()]);
        var (sql, parameters) = Command(search.ToQueryString());

        // In a transaction rolled back at the end: the account given 2,000 requests (statistics taken), and the table
        // scan and its other indexes taken away, so that only an index on the search's own expression can take the words.
        await using var connection = new NpgsqlConnection(App.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(TestContext.Current.CancellationToken);
        await using (var others = new NpgsqlCommand(
            $"""SELECT string_agg(format('%I', indexname), ', ') FROM pg_indexes WHERE tablename = 'HelpRequests' AND indexname LIKE 'IX_HelpRequests_OwnerId%' AND indexname <> '{TextIndex}'""",
            connection, transaction))
        {
            var drop = (string)(await others.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
            await using var change = new NpgsqlCommand($"""
                INSERT INTO "HelpRequests" ("Id", "OwnerId", "Title", "Situation", "Signal", "WhatINeed", "EffortEstimate", "WhyThisPerson",
                    "Openness", "ComposedText", "Status", "CreatedAt", "UpdatedAt", "Version")
                SELECT gen_random_uuid(), @owner, 'Request ' || n, 'The situation, number ' || n, '', 'Help with item ' || n, '', '', '', '',
                    'Draft', now(), now(), gen_random_uuid()
                FROM generate_series(1, 2000) AS n;
                ANALYZE "HelpRequests";
                DROP INDEX {drop};
                SET LOCAL enable_seqscan = off;
                """, connection, transaction);
            change.Parameters.AddWithValue("owner", Alice);
            await change.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        await using var explain = new NpgsqlCommand("EXPLAIN " + sql, connection, transaction);
        explain.Parameters.AddRange(parameters.ToArray());
        var plan = new List<string>();
        await using (var rows = await explain.ExecuteReaderAsync(TestContext.Current.CancellationToken))
        {
            while (await rows.ReadAsync(TestContext.Current.CancellationToken))
            {
                plan.Add(rows.GetString(0));
            }
        }

        var scan = plan.FindIndex(line => line.Contains($"Index Scan on \"{TextIndex}\"", StringComparison.Ordinal));
        Assert.True(scan >= 0 && plan[scan + 1].Contains("Index Cond", StringComparison.Ordinal) && plan[scan + 1].Contains("~~ '%printer%'", StringComparison.Ordinal),
            string.Join('\n', plan));
    }

    /// <summary>
    /// The SQL and parameters of EF Core's <c>ToQueryString()</c> for Npgsql: "-- @name='value'" lines (an array as
    /// "{ 'a', 'b' } (DbType = Object)"), then the statement.
    /// </summary>
    private static (string Sql, List<NpgsqlParameter> Parameters) Command(string queryString)
    {
        var lines = queryString.Split('\n');
        var parameters = new List<NpgsqlParameter>();
        foreach (var line in lines.TakeWhile(l => l.StartsWith("-- @", StringComparison.Ordinal)))
        {
            var (name, value) = (line[4..line.IndexOf('=', StringComparison.Ordinal)], line[(line.IndexOf('=', StringComparison.Ordinal) + 1)..].Trim());
            parameters.Add(value.StartsWith('{')
                ? new NpgsqlParameter(name, value[1..value.IndexOf('}', StringComparison.Ordinal)].Split(',').Select(id => Guid.Parse(id.Trim(' ', '\''))).ToArray())
                : new NpgsqlParameter(name, value[1..value.LastIndexOf('\'')]));
        }

        return (string.Join('\n', lines.SkipWhile(l => l.StartsWith("-- @", StringComparison.Ordinal))), parameters);
    }
}
