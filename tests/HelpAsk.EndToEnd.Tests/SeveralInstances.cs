using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using HelpAsk.Testing;
using Npgsql;
using netDumbster.smtp;

namespace HelpAsk.EndToEnd.Tests;

/// <summary>
/// Two real HelpAsk processes (<c>dotnet HelpAsk.Web.dll</c>) on one private PostgreSQL database, behind Debian's nginx
/// running deploy/nginx/helpask.conf (its ports replaced by free loopback ones), with a real SMTP listener. Everything
/// listens on 127.0.0.1 only. When nginx or PostgreSQL is not installed, <see cref="SkipReason"/> says so.
/// </summary>
public sealed class SeveralInstances : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private const string Nginx = "/usr/sbin/nginx";

    private readonly string root = Directory.CreateTempSubdirectory("helpask-instances-").FullName;
    private readonly string repository = RepositoryRoot();
    private readonly int smtpPort = MailServer.FreePort();
    private readonly int proxyPort = MailServer.FreePort();
    private string postgresFolder = "";
    private Process? nginx;

    public string? SkipReason { get; private set; }

    /// <summary>The app's database (Npgsql connection string), for reading what the instances stored.</summary>
    public string Database { get; private set; } = "";

    public SimpleSmtpServer Smtp { get; private set; } = null!;

    public Instance[] Instances { get; private set; } = [];

    /// <summary>nginx: where browsers and email links go.</summary>
    public Uri ProxyAddress => new($"http://127.0.0.1:{proxyPort}/");

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(Nginx))
        {
            SkipReason = "nginx is not installed (tests/test.sh installs Debian's nginx)";
            return;
        }

        // Not inside the owner-only temporary folder: as root the cluster runs as the "postgres" account, which needs to reach it.
        postgresFolder = Path.Combine(Path.GetTempPath(), $"helpask-instances-postgres-{Guid.NewGuid():N}");
        var server = await RunAsync("bash", Path.Combine(repository, "scripts", "private-postgres.sh"), "start", postgresFolder);
        if (server.ExitCode != 0)
        {
            SkipReason = $"no private PostgreSQL could be started (tests/test.sh installs Debian's postgresql): {server.Error}";
            return;
        }

        Database = new NpgsqlConnectionStringBuilder(server.Output.Trim()) { Database = "helpask_instances" }.ConnectionString;
        Smtp = SimpleSmtpServer.Start(smtpPort);
        Instances = [new Instance(this, 1), new Instance(this, 2)];
        StartNginx();

        // The first creates the database and its data-protection key; the second then finds both.
        await Instances[0].StartAsync();
        await Instances[1].StartAsync();
    }

    /// <summary>Starts again an instance a test killed, so each test begins with both running.</summary>
    public async Task EnsureBothRunningAsync()
    {
        foreach (var instance in Instances.Where(i => !i.IsRunning))
        {
            await instance.StartAsync();
        }
    }

    /// <summary>Stops the SMTP listener: emails wait in the outbox, retried, until <see cref="StartSmtp"/>.</summary>
    public void StopSmtp() => Smtp.Stop();

    public void StartSmtp() => Smtp = SimpleSmtpServer.Start(smtpPort);

    /// <summary>The port of the instance nginx sent the browser with this affinity cookie to last (from nginx's access log).</summary>
    public Instance InstanceOf(string affinityCookie)
    {
        var upstream = File.ReadLines(Path.Combine(root, "nginx", "access.log"))
            .Select(line => line.Split(' ', 2))
            .Last(fields => fields[0] == affinityCookie && fields[1].Contains("127.0.0.1:", StringComparison.Ordinal))[1];
        var port = int.Parse(upstream.Split(", ")[^1].Split(':')[1], CultureInfo.InvariantCulture);
        return Instances.Single(i => i.Port == port);
    }

    private void StartNginx()
    {
        var folder = Directory.CreateDirectory(Path.Combine(root, "nginx")).FullName;
        var site = File.ReadAllText(Path.Combine(repository, "deploy", "nginx", "helpask.conf"));
        site = Replace(site, "127.0.0.1:5081", $"127.0.0.1:{Instances[0].Port}");
        site = Replace(site, "127.0.0.1:5082", $"127.0.0.1:{Instances[1].Port}");
        site = Replace(site, "listen 80;", $"listen 127.0.0.1:{proxyPort};");
        site = Replace(site, "listen [::]:80;", "");
        File.WriteAllText(Path.Combine(folder, "helpask.conf"), site);

        // What Debian's /etc/nginx/nginx.conf provides around a site, in a folder of its own; the log names each
        // browser's affinity cookie and the instance it reached.
        File.WriteAllText(Path.Combine(folder, "nginx.conf"), $$"""
            daemon off;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log;
            worker_processes 1;
            events { worker_connections 512; }
            http {
                client_body_temp_path {{folder}}/body;
                proxy_temp_path {{folder}}/proxy;
                fastcgi_temp_path {{folder}}/fastcgi;
                uwsgi_temp_path {{folder}}/uwsgi;
                scgi_temp_path {{folder}}/scgi;
                log_format instances '$helpask_instance $upstream_addr';
                access_log {{folder}}/access.log instances;
                include {{folder}}/helpask.conf;
            }
            """);
        var start = new ProcessStartInfo(Nginx) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-p", folder, "-c", Path.Combine(folder, "nginx.conf") })
        {
            start.ArgumentList.Add(argument);
        }

        nginx = Process.Start(start) ?? throw new InvalidOperationException("nginx did not start");
    }

    /// <summary>Replaces a setting that must be in deploy/nginx/helpask.conf (so the test notices when the file changes).</summary>
    private static string Replace(string text, string setting, string value) =>
        text.Contains(setting, StringComparison.Ordinal)
            ? text.Replace(setting, value, StringComparison.Ordinal)
            : throw new InvalidOperationException($"deploy/nginx/helpask.conf no longer has \"{setting}\"");

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in Instances)
        {
            instance.Kill();
        }

        if (nginx is not null)
        {
            // Its master's "stop" ends the workers too (a killed master would leave them behind).
            await RunAsync(Nginx, "-p", Path.Combine(root, "nginx"), "-c", Path.Combine(root, "nginx", "nginx.conf"), "-s", "stop");
            using var stopped = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await nginx.WaitForExitAsync(stopped.Token);
            }
            catch (OperationCanceledException)
            {
                nginx.Kill(entireProcessTree: true);
            }

            nginx.Dispose();
        }

        Smtp?.Dispose();
        if (postgresFolder.Length > 0)
        {
            NpgsqlConnection.ClearAllPools();
            await RunAsync("bash", Path.Combine(repository, "scripts", "private-postgres.sh"), "stop", postgresFolder);
        }

        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // A log still being written: the OS temp cleaner takes the rest.
        }
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(StartTimeout);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "HelpAsk.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("The repository (HelpAsk.sln) is not above the test's folder.");
    }

    /// <summary>One app process: the build of src/HelpAsk.Web in this test run's configuration.</summary>
    public sealed class Instance(SeveralInstances cluster, int number)
    {
        private readonly ConcurrentQueue<string> output = new();
        private Process? process;

        public int Number { get; } = number;

        public int Port { get; } = MailServer.FreePort();

        public Uri Address => new($"http://127.0.0.1:{Port}/");

        public bool IsRunning => process is { HasExited: false };

        /// <summary>What the process wrote (its console log), for counting its deliveries and for a failure's message.</summary>
        public IReadOnlyCollection<string> Output => output;

        public async Task StartAsync()
        {
            var configuration = Path.GetFileName(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)))!;
            var bin = Path.Combine(cluster.repository, "src", "HelpAsk.Web", "bin", configuration, "net10.0");
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = bin,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                Environment = { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["DOTNET_NOLOGO"] = "1" },
            };
            string[] arguments =
            [
                Path.Combine(bin, "HelpAsk.Web.dll"),
                "--urls", Address.ToString().TrimEnd('/'),
                "--Database:Provider=PostgreSQL",
                $"--ConnectionStrings:HelpAsk={cluster.Database}",
                $"--Storage:DataDirectory={Path.Combine(cluster.root, $"instance{Number}")}",
                "--Proxy:KnownProxies:0=127.0.0.1",
                $"--Email:PublicBaseUrl={cluster.ProxyAddress}",
                "--Email:Smtp:Host=127.0.0.1",
                $"--Email:Smtp:Port={cluster.smtpPort}",
                "--Email:Smtp:Security=None",
                "--Email:Smtp:Timeout=00:00:05",
                // Quick retries and a short lease, so a stopped mail server or a killed instance costs seconds here.
                "--Email:Delivery:FirstRetryDelay=00:00:00.200",
                "--Email:Delivery:MaxRetryDelay=00:00:00.500",
                "--Email:Delivery:PollInterval=00:00:00.500",
                "--Email:Delivery:MaxAttempts=1000",
                "--Email:Delivery:Lease=00:00:03",
                "--RateLimits:AccountEmails:PerClientPermitLimit=10000",
                "--RateLimits:AccountEmails:PerAddressPermitLimit=10000",
            ];
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            output.Clear();
            process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
            process.OutputDataReceived += (_, line) => Keep(line.Data);
            process.ErrorDataReceived += (_, line) => Keep(line.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();

            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var stopwatch = Stopwatch.StartNew();
            while (stopwatch.Elapsed < StartTimeout)
            {
                if (process.HasExited)
                {
                    break;
                }

                try
                {
                    // The sign-in page renders an antiforgery token: the data-protection key exists once it answers.
                    if ((await client.GetAsync(new Uri(Address, "Account/Login"))).IsSuccessStatusCode)
                    {
                        return;
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    // Not listening yet, or too busy starting to answer within the request's 5 s (a loaded machine):
                    // ask again until the start timeout.
                }

                await Task.Delay(200);
            }

            throw new InvalidOperationException($"Instance {Number} did not start within {StartTimeout}:\n{string.Join('\n', output.TakeLast(40))}");
        }

        /// <summary>kill -9: no shutdown, no flushing, leases left held.</summary>
        public void Kill()
        {
            if (process is null)
            {
                return;
            }

            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }

            process.Dispose();
            process = null;
        }

        private void Keep(string? line)
        {
            if (line is not null)
            {
                output.Enqueue(line);
            }
        }
    }
}
