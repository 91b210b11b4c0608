using Npgsql;

namespace HelpAsk.Web.Data;

/// <summary>
/// One connection per instance that LISTENs for the changes every instance commits (the database's triggers NOTIFY
/// them, on commit only) and publishes them in process: dispatchers wake for new email, pages for answers and
/// deliveries. A lost connection is opened again with growing pauses; what was missed meanwhile is published as
/// <see cref="DataChange.Unheard"/>, and the pollers behind every watcher remain the safety net.
/// </summary>
public sealed partial class PostgresChangeListener(string connectionString, ChangeFeed feed, TimeProvider clock, ILogger<PostgresChangeListener> log)
    : BackgroundService
{
    /// <summary>The channel the triggers notify on (PostgreSQL migration <c>LiveChangeNotifications</c>).</summary>
    public const string Channel = "helpask_changes";

    /// <summary>How the listening connection names itself in <c>pg_stat_activity</c>.</summary>
    public const string ApplicationName = "HelpAsk change listener";

    private static readonly TimeSpan FirstPause = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(30);

    private readonly string listening = ListeningConnection(connectionString);

    /// <summary>
    /// Its own connection, never pooled (a dropped one must not go back to the pool). The kernel's TCP keepalives notice
    /// a silent drop (after 30 s idle, then a probe every 5 s: about 75 s with Linux's nine probes); Npgsql's own
    /// keepalive would instead time out the idle read every interval, throwing and catching an exception inside the
    /// driver each time (five first-chance exceptions every 30 s, per instance). A Unix-domain socket refuses TCP
    /// options (Npgsql then cannot connect at all), and a local socket does not drop silently: it gets none.
    /// </summary>
    internal static string ListeningConnection(string connectionString)
    {
        var listening = new NpgsqlConnectionStringBuilder(connectionString)
        {
            Pooling = false,
            ApplicationName = ApplicationName,
            KeepAlive = 0,
        };
        if (listening.Host?.Split(',').Any(host => host.TrimStart().StartsWith('/') || host.TrimStart().StartsWith('@')) != true)
        {
            (listening.TcpKeepAlive, listening.TcpKeepAliveTime, listening.TcpKeepAliveInterval) = (true, 30, 5);
        }

        return listening.ConnectionString;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pause = FirstPause;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(() => pause = FirstPause, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception failure) when (failure is NpgsqlException or IOException or InvalidOperationException or TimeoutException)
            {
                LogLost(failure, pause);
            }

            try
            {
                await Task.Delay(pause, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            pause = pause * 2 < LongestPause ? pause * 2 : LongestPause;
        }
    }

    private async Task ListenAsync(Action connected, CancellationToken stoppingToken)
    {
        await using var connection = new NpgsqlConnection(listening);
        connection.Notification += (_, notice) => feed.Publish(DataChange.Parse(notice.Payload));
        await connection.OpenAsync(stoppingToken);
        await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken);
        }

        connected();
        LogListening();

        // Whatever was committed before this connection listened (at start, or while it was down) was not heard.
        feed.Publish(DataChange.Unheard);
        while (true)
        {
            await connection.WaitAsync(stoppingToken);
        }
    }

    [LoggerMessage(LogLevel.Information, "Listening for changes from every instance")]
    private partial void LogListening();

    [LoggerMessage(LogLevel.Warning, "Lost the connection that listens for other instances' changes; trying again in {Pause} (meanwhile pages and the outbox poll)")]
    private partial void LogLost(Exception failure, TimeSpan pause);
}
