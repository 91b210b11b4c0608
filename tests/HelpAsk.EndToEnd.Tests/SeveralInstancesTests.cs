using System.Diagnostics;
using System.Text.RegularExpressions;
using HelpAsk.Testing;
using HelpAsk.Web.Features.Sending;
using HelpAsk.Web.Tests.Integration;
using MimeKit;
using Npgsql;
using static Microsoft.Playwright.Assertions;

namespace HelpAsk.EndToEnd.Tests;

/// <summary>
/// Two instances on one PostgreSQL database behind nginx (deploy/nginx/helpask.conf), proved with a browser, a real SMTP
/// listener and kill -9. Each test starts with both instances running (one a test killed is started again).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class SeveralInstancesTests(BrowserFixture browser, SeveralInstances cluster) : IClassFixture<SeveralInstances>
{
    private const string Password = BrowserFixture.Password;
    private const int EmailsPerBatch = 200;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    // Registering (password hashing) and checking a whole draft take a few seconds on a loaded two-core machine.
    private static readonly LocatorAssertionsToBeVisibleOptions Slow = new() { Timeout = 20_000 };

    [Fact]
    public async Task Through_the_proxy_a_new_account_composes_and_sends_a_request_and_the_helper_answers()
    {
        await BothRunningAsync();
        var (page, _) = await SignedInThroughProxyAsync("asker");
        var sam = $"sam-{Guid.NewGuid():N}@example.org";

        await page.StartNewRequestAsync();
        await page.GetByLabel("What's going on").FillAsync("We're moving Dad into his new flat on Saturday.");
        await page.NextStepAsync();
        await page.GetByLabel("Your request, said plainly").FillAsync("I'd really value your help with the move.");
        await page.NextStepAsync();
        await page.FillHelperSpecificsAndOpennessAsync("Sam Jones", sam);
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Finish" }).ClickAsync();
        await Expect(page.GetByText("This request is complete and ready to send.")).ToBeVisibleAsync(Slow);
        await page.Locator("#send-request").ClickAsync();
        await page.WaitForInteractiveAsync();
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Send email" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(RequestPage());
        var request = new Uri(page.Url).AbsolutePath;

        // The email reached the real SMTP listener, its link pointing at the proxy; the helper answers there.
        var answerLink = Assert.Single(LinksIn(await EmailToAsync(sam)), l => l.Contains("/answer/", StringComparison.Ordinal));
        Assert.StartsWith(cluster.ProxyAddress.ToString(), answerLink, StringComparison.Ordinal);
        var helper = await browser.NewPageAsync(app: cluster.ProxyAddress);
        await helper.GotoAsync(answerLink);
        await helper.GetByLabel("Yes, I can help").CheckAsync();
        await helper.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Send my answer" }).ClickAsync();
        await Expect(helper.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = "Thank you, Sam" })).ToBeVisibleAsync();
        await helper.Context.CloseAsync();

        await page.GotoInteractiveAsync(request.TrimStart('/'));
        await Expect(page.Locator("#timeline")).ToContainTextAsync("Sam Jones answered: Yes, I can help");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Two_hundred_emails_queued_across_both_instances_arrive_exactly_once()
    {
        await BothRunningAsync();
        var prefix = $"batch-{Guid.NewGuid():N}"[..16];

        cluster.StopSmtp();
        var queued = await QueueAccountEmailsAsync(prefix);
        cluster.StartSmtp();
        await ArrivedAsync(prefix, queued.Count);

        // Both dispatchers had the whole backlog in front of them; a second delivery would come within a lease.
        await Task.Delay(TimeSpan.FromSeconds(4), TestContext.Current.CancellationToken);
        var received = ReceivedFor(prefix);
        Assert.Equal(queued.Count, received.Count);
        Assert.Equal(queued.Order(StringComparer.Ordinal), received.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Killing_an_instance_mid_delivery_loses_no_email_and_sends_none_twice()
    {
        await BothRunningAsync();
        var prefix = $"kill-{Guid.NewGuid():N}"[..16];
        var victim = cluster.Instances[0];

        cluster.StopSmtp();
        var queued = await QueueAccountEmailsAsync(prefix);
        var deliveredBefore = Deliveries(victim);
        cluster.StartSmtp();
        var stopwatch = Stopwatch.StartNew();
        while (Deliveries(victim) < deliveredBefore + 5 && stopwatch.Elapsed < Bound)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        victim.Kill();
        var arrivedAtKill = ReceivedFor(prefix).Count;
        Assert.True(Deliveries(victim) >= deliveredBefore + 5, "The instance to be killed delivered none of the batch");
        Assert.True(arrivedAtKill < queued.Count, $"The instance was to be killed mid-delivery, but all {queued.Count} had arrived already");

        // The other instance delivers the rest, and what the killed one held once its lease runs out.
        await ArrivedAsync(prefix, queued.Count);
        await Task.Delay(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        var received = ReceivedFor(prefix);
        Assert.Equal(queued.Order(StringComparer.Ordinal), received.Distinct().Order(StringComparer.Ordinal));
        // A kill between the SMTP server's "accepted" and the database's "delivered" can only repeat the one message the
        // killed dispatcher had in hand (it sends one at a time), with its Message-ID, which mail programs show once.
        Assert.InRange(received.Count - queued.Count, 0, 1);
    }

    [Fact]
    public async Task A_user_whose_instance_is_killed_reloads_onto_the_other_and_finds_the_draft_as_last_autosaved()
    {
        await BothRunningAsync();
        var (page, _) = await SignedInThroughProxyAsync("writer");
        await page.StartNewRequestAsync();
        const string situation = "The boiler broke on Friday and the engineer can't come until Wednesday.";
        await page.FillAndWaitForSaveAsync(page.GetByLabel("What's going on"), situation);
        await page.NextStepAsync();
        await page.FillAndWaitForSaveAsync(page.GetByLabel("Your request, said plainly"), "Could you lend me a heater until then?");

        var affinity = (await page.Context.CookiesAsync()).Single(c => c.Name == "helpask_instance").Value;
        var serving = cluster.InstanceOf(affinity);
        serving.Kill();

        await ReloadAsync(page);
        Assert.NotSame(serving, cluster.InstanceOf(affinity));
        await Expect(page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = "Say clearly that you need help" })).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Your request, said plainly")).ToHaveValueAsync("Could you lend me a heater until then?");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Back" }).ClickAsync();
        await Expect(page.GetByLabel("What's going on")).ToHaveValueAsync(situation);
        await page.Context.CloseAsync();
    }

    private async Task BothRunningAsync()
    {
        Assert.SkipWhen(cluster.SkipReason is not null, cluster.SkipReason ?? "");
        await cluster.EnsureBothRunningAsync();
    }

    /// <summary>A new account registered, confirmed by its emailed link and signed in, all through nginx.</summary>
    private async Task<(IPage Page, string Email)> SignedInThroughProxyAsync(string namePrefix)
    {
        var email = $"{namePrefix}-{Guid.NewGuid():N}@example.org";
        var page = await browser.NewPageAsync(app: cluster.ProxyAddress);
        await page.RegisterAsync(email, Password);
        await Expect(page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = "Check your email" })).ToBeVisibleAsync(Slow);
        await page.GotoAsync(Assert.Single(LinksIn(await EmailToAsync(email)), l => l.Contains("ConfirmEmail", StringComparison.Ordinal)));
        await Expect(page.GetByText("Thank you for confirming your email.")).ToBeVisibleAsync();
        await page.LogInAsync(email, Password);
        await page.WaitForInteractiveAsync();
        return (page, email);
    }

    /// <summary>
    /// The user's reload (F5). The page may be reloading itself at that moment (its circuit's server is gone), which
    /// aborts this navigation: then the reload goes again, a bounded few times.
    /// </summary>
    private static async Task ReloadAsync(IPage page)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await page.GotoAsync(page.Url);
                await page.WaitForInteractiveAsync();
                return;
            }
            catch (PlaywrightException aborted) when (attempt < 3 && (aborted.Message.Contains("ERR_ABORTED", StringComparison.Ordinal)
                || aborted.Message.Contains("interrupted by another navigation", StringComparison.Ordinal)))
            {
                // The page's own reload won the race (Chromium reports it either way); reload once it has settled.
            }
        }
    }

    /// <summary>
    /// Queues <see cref="EmailsPerBatch"/> account emails, half on each instance (straight to it, as nginx would send two
    /// browsers): ten registrations and the rest "resend the confirmation" for those addresses. Returns their Message-IDs.
    /// </summary>
    private async Task<List<string>> QueueAccountEmailsAsync(string prefix)
    {
        var clients = cluster.Instances.Select(i => new HttpClient { BaseAddress = i.Address }).ToArray();
        try
        {
            var addresses = Enumerable.Range(0, 10).Select(i => $"{prefix}-{i}@example.org").ToList();
            await Parallel.ForEachAsync(addresses.Select((address, i) => (address, i)), TestContext.Current.CancellationToken, async (account, _) =>
                await HtmlForms.SubmitAsync(clients[account.i % 2], "/Account/Register", "register", new Dictionary<string, string>
                {
                    ["Input.DisplayName"] = "Batch Sender", ["Input.Email"] = account.address,
                    ["Input.Password"] = Password, ["Input.ConfirmPassword"] = Password,
                }));
            var resends = Enumerable.Range(0, EmailsPerBatch - addresses.Count);
            await Parallel.ForEachAsync(resends, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = TestContext.Current.CancellationToken }, async (i, _) =>
                await HtmlForms.SubmitAsync(clients[i % 2], "/Account/ResendEmailConfirmation", "resend-email-confirmation",
                    new Dictionary<string, string> { ["Input.Email"] = addresses[i % addresses.Count] }));
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }

        await using var connection = new NpgsqlConnection(cluster.Database);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var query = new NpgsqlCommand("""SELECT "Id" FROM "OutboxMessages" WHERE "ToAddress" LIKE @prefix""", connection);
        query.Parameters.AddWithValue("prefix", prefix + "-%");
        var queued = new List<string>();
        await using var rows = await query.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await rows.ReadAsync(TestContext.Current.CancellationToken))
        {
            queued.Add(OutboxMessage.MessageIdOf(rows.GetGuid(0)));
        }

        Assert.Equal(EmailsPerBatch, queued.Count);
        return queued;
    }

    /// <summary>The Message-IDs of every email received for the batch, a repeat counted each time it came.</summary>
    private List<string> ReceivedFor(string prefix) =>
        [.. cluster.Smtp.Received().Select(MailServer.Read)
            .Where(m => m.To.Mailboxes.Any(a => a.Address.StartsWith(prefix + "-", StringComparison.Ordinal)))
            .Select(m => m.MessageId ?? "(none)")];

    private async Task ArrivedAsync(string prefix, int count)
    {
        var stopwatch = Stopwatch.StartNew();
        while (ReceivedFor(prefix).Count < count)
        {
            Assert.True(stopwatch.Elapsed < Bound, $"{ReceivedFor(prefix).Count} of {count} emails arrived within {Bound}");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    private static int Deliveries(SeveralInstances.Instance instance) =>
        instance.Output.Count(line => line.Contains("Delivered outbox message", StringComparison.Ordinal));

    private async Task<MimeMessage> EmailToAsync(string address)
    {
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            var email = cluster.Smtp.Received().Select(MailServer.Read).FirstOrDefault(m => m.To.Mailboxes.Any(a => a.Address == address));
            if (email is not null)
            {
                return email;
            }

            Assert.True(stopwatch.Elapsed < Bound, $"No email to {address} within {Bound}");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    private static IEnumerable<string> LinksIn(MimeMessage email) => Link().Matches(email.TextBody ?? "").Select(m => m.Value);

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Link();

    [GeneratedRegex(@"/requests/[0-9a-f-]{36}$")]
    private static partial Regex RequestPage();
}
