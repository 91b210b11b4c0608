using System.Diagnostics;
using Bunit;
using HelpAsk.Core.Domain;
using HelpAsk.Testing;
using HelpAsk.Web.Data;
using HelpAsk.Web.Features.Account;
using HelpAsk.Web.Features.Answers;
using HelpAsk.Web.Features.Dashboard;
using HelpAsk.Web.Features.Shell;
using HelpAsk.Web.Features.Thanks;
using HelpAsk.Web.Features.Requests;
using HelpAsk.Web.Features.Sending;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using netDumbster.smtp;
using Npgsql;
using static HelpAsk.Testing.MailServer;
using static HelpAsk.Web.Tests.Integration.MailTestKit;

namespace HelpAsk.Web.Tests.Integration;

/// <summary>
/// Two instances of the app on one PostgreSQL database, as behind a proxy: what one commits, the other hears at once
/// (LISTEN/NOTIFY), with the polls set far out of reach so only that can explain a prompt result.
/// </summary>
public sealed class SeveralInstancesTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan FarPoll = TimeSpan.FromMinutes(10);

    private readonly int port = FreePort();
    private readonly string folder = Directory.CreateTempSubdirectory("helpask-instances-").FullName;
    private readonly List<HelpAskAppFactory> instances = [];
    private SimpleSmtpServer? smtp;

    [Fact]
    public async Task An_email_written_on_one_instance_is_delivered_at_once_by_the_other_even_after_its_listener_was_cut_off()
    {
        Assert.SkipWhen(HelpAskAppFactory.Provider != DatabaseProvider.PostgreSQL, "PostgreSQL only: instances hear each other through LISTEN/NOTIFY");
        smtp = SimpleSmtpServer.Start(port);
        var writer = Instance(withDispatcher: false);
        var deliverer = Instance(withDispatcher: true);
        var alice = await writer.CreateAccountAsync("alice@example.org");
        var first = await writer.CreateReadyRequestAsync(alice, "Sam Jones", "sam@example.org");
        var second = await writer.CreateReadyRequestAsync(alice, "Priya Shah", "priya@example.org");
        await Eventually.HoldsAsync(async () => await ListenersAsync(writer) == 2, "both instances to listen", seconds: 10);

        await SendAsync(writer, alice, first);
        await Eventually.HoldsAsync(() => smtp.ReceivedEmailCount == 1, "the other instance to deliver the first email", seconds: 10);

        // Cut every instance's listening connection, as a database restart or a network fault would, and wait until they are back.
        Assert.Equal(2, await TerminateListenersAsync(writer));
        await Eventually.HoldsAsync(async () => await ListenersAsync(writer) == 2, "the listeners to connect again", seconds: 10);
        await SendAsync(writer, alice, second);
        await Eventually.HoldsAsync(() => smtp.ReceivedEmailCount == 2, "the other instance to deliver the second email", seconds: 10);

        await deliverer.WaitForDispatcherRoundsAsync();
        Assert.Equal(2, smtp.ReceivedEmailCount);
        // The background round that sent the second email may still be recording it (the rounds above skip a leased message).
        await Eventually.HoldsAsync(async () => (await writer.OutboxAsync()).All(m => m.State == DeliveryState.Delivered), "both deliveries to be recorded", seconds: 10);
        Assert.All(await writer.OutboxAsync(), message => Assert.Equal((DeliveryState.Delivered, 1), (message.State, message.Attempts)));
    }

    [Fact]
    public async Task Emails_written_on_both_instances_with_both_dispatchers_awake_each_arrive_once()
    {
        Assert.SkipWhen(HelpAskAppFactory.Provider != DatabaseProvider.PostgreSQL, "PostgreSQL only: instances hear each other through LISTEN/NOTIFY");
        smtp = SimpleSmtpServer.Start(port);
        HelpAskAppFactory[] both = [Instance(withDispatcher: true), Instance(withDispatcher: true)];
        var alice = await both[0].CreateAccountAsync("alice@example.org");
        var requests = new List<(HelpAskAppFactory Instance, Guid Request)>();
        for (var i = 0; i < 10; i++)
        {
            var instance = both[i % 2];
            requests.Add((instance, await instance.CreateReadyRequestAsync(alice, $"Helper {i}", $"helper{i}@example.org")));
        }

        await Task.WhenAll(requests.Select(r => SendAsync(r.Instance, alice, r.Request)));
        await Eventually.HoldsAsync(() => smtp.ReceivedEmailCount == 10, "all ten emails, well before either poll", seconds: 20);

        foreach (var instance in both)
        {
            await instance.WaitForDispatcherRoundsAsync();
        }

        Assert.Equal(10, smtp.ReceivedEmailCount);
        Assert.Equal(10, smtp.Received().Select(email => Read(email).MessageId).Distinct().Count());
    }

    [Fact]
    public async Task An_answer_recorded_through_one_instance_shows_at_once_on_a_dashboard_rendered_by_the_other()
    {
        Assert.SkipWhen(HelpAskAppFactory.Provider != DatabaseProvider.PostgreSQL, "PostgreSQL only: instances hear each other through LISTEN/NOTIFY");
        smtp = SimpleSmtpServer.Start(port);
        var showing = Instance(withDispatcher: true);
        var answering = Instance(withDispatcher: false);
        var alice = await showing.CreateAccountAsync("alice@example.org");
        await SendAsync(showing, alice, await showing.CreateReadyRequestAsync(alice));
        await Eventually.HoldsAsync(() => smtp.ReceivedEmailCount == 1, "the request's email");
        var token = AnswerLinkIn(Read(smtp.Received()[0]).TextBody!);

        // The dashboard as the first instance renders it, its own re-reading set far out of reach.
        await using var page = new BunitContext();
        page.SignInAs(showing, alice, "alice@example.org");
        page.Services.AddScoped<DashboardQueries>();
        page.Services.AddScoped<ImpactFollowUps>();
        page.Services.AddScoped(services => new ChangeWatches(
            services.GetRequiredService<ChangeFeed>(), services.GetRequiredService<CurrentAccount>(),
            services.GetRequiredService<Microsoft.Extensions.Logging.ILogger<ChangeWatch>>()) { PollInterval = FarPoll });
        var dashboard = page.Render<Dashboard>();
        dashboard.WaitForElement(".summary-tile", TimeSpan.FromSeconds(10));
        Assert.Empty(dashboard.FindAll("#recent-answers"));

        var answered = Stopwatch.StartNew();
        await using (var scope = answering.Services.CreateAsyncScope())
        {
            Assert.IsType<AnswerOutcome.Recorded>(await scope.ServiceProvider.GetRequiredService<HelperAnswers>()
                .AnswerAsync(token, new HelperAnswer(HelperAnswerKind.Yes, null, "Happy to!"), Xunit.TestContext.Current.CancellationToken));
        }

        dashboard.WaitForAssertion(
            () => Assert.Contains("Note: “Happy to!”", dashboard.Find("#recent-answers").TextContent, StringComparison.Ordinal),
            TimeSpan.FromSeconds(10));
        output.WriteLine($"The answer showed on the other instance's dashboard {answered.ElapsedMilliseconds} ms after it was committed.");
    }

    /// <summary>An instance on the shared database, its poll out of reach; without a dispatcher it only writes emails.</summary>
    private HelpAskAppFactory Instance(bool withDispatcher)
    {
        var instance = new HelpAskAppFactory(dataDirectory: folder).WithSmtp(port);
        instance.Settings["Email:Delivery:PollInterval"] = FarPoll.ToString();
        if (!withDispatcher)
        {
            instance.TestServices = services => services.Remove(services.Single(s => s.ServiceType == typeof(IHostedService) && s.ImplementationType == typeof(OutboxDispatcher)));
        }

        instances.Add(instance);
        instance.StartServer();
        return instance;
    }

    private static async Task SendAsync(HelpAskAppFactory instance, string accountId, Guid requestId)
    {
        await using var scope = instance.Services.CreateAsyncScope();
        Assert.IsType<RequestChange.Done>(await instance.ServiceFor<RequestTracking>(accountId, scope).SendByEmailAsync(requestId, "Could I ask for your help?"));
    }

    private static Task<long> ListenersAsync(HelpAskAppFactory instance) =>
        CountListenersAsync(instance, "count(*)");

    private static Task<long> TerminateListenersAsync(HelpAskAppFactory instance) =>
        CountListenersAsync(instance, "count(pg_terminate_backend(pid))");

    private static async Task<long> CountListenersAsync(HelpAskAppFactory instance, string count)
    {
        await using var connection = new NpgsqlConnection(instance.ConnectionString);
        await connection.OpenAsync(Xunit.TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(
            $"SELECT {count} FROM pg_stat_activity WHERE datname = current_database() AND application_name = @name", connection);
        command.Parameters.AddWithValue("name", PostgresChangeListener.ApplicationName);
        return (long)(await command.ExecuteScalarAsync(Xunit.TestContext.Current.CancellationToken))!;
    }

    public void Dispose()
    {
        smtp?.Dispose();
        foreach (var instance in instances)
        {
            instance.Dispose();
        }

        instances.FirstOrDefault()?.DropPostgresDatabase();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A log file still being flushed: the OS temp cleaner takes the rest.
        }
    }
}
