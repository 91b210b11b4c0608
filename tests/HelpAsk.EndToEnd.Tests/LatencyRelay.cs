using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace HelpAsk.EndToEnd.Tests;

/// <summary>
/// A loopback TCP relay in front of the app that delays every byte by <see cref="Delay"/> each way, as a real
/// network does (so WebSockets and HTTP alike go through it). It can be stopped and started again on the same
/// port, which drops every connection: a lost network. Bounded: at most 64 connections, closed on dispose.
/// </summary>
public sealed class LatencyRelay : IAsyncDisposable
{
    private const int MaxConnections = 64;
    private readonly IPEndPoint target;
    private readonly List<TcpClient> connections = [];
    private TcpListener? listener;
    private CancellationTokenSource stopping = new();
    private Task accepting = Task.CompletedTask;

    public LatencyRelay(Uri app, TimeSpan delay)
    {
        ArgumentNullException.ThrowIfNull(app);
        target = new IPEndPoint(IPAddress.Loopback, app.Port);
        Delay = delay;
        listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        accepting = AcceptAsync(listener, stopping.Token);
    }

    public TimeSpan Delay { get; }

    public int Port { get; }

    public Uri Address => new($"http://127.0.0.1:{Port}/");

    /// <summary>Drops every connection and stops listening: the network is gone.</summary>
    public async Task StopAsync()
    {
        await stopping.CancelAsync();
        listener?.Stop();
        listener = null;
        lock (connections)
        {
            foreach (var connection in connections)
            {
                connection.Dispose();
            }

            connections.Clear();
        }

        await accepting.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>The network is back, on the same port.</summary>
    public void Start()
    {
        stopping.Dispose();
        stopping = new CancellationTokenSource();
        listener = new TcpListener(IPAddress.Loopback, Port);
        listener.Start();
        accepting = AcceptAsync(listener, stopping.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        stopping.Dispose();
    }

    private async Task AcceptAsync(TcpListener from, CancellationToken cancel)
    {
        while (!cancel.IsCancellationRequested)
        {
            TcpClient browser;
            try
            {
                browser = await from.AcceptTcpClientAsync(cancel);
            }
            catch (Exception error) when (error is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            var app = new TcpClient();
            lock (connections)
            {
                if (connections.Count >= MaxConnections * 2)
                {
                    connections.RemoveAll(c => !c.Connected);
                }

                connections.Add(browser);
                connections.Add(app);
            }

            _ = RelayAsync(browser, app, cancel);
        }
    }

    private async Task RelayAsync(TcpClient browser, TcpClient app, CancellationToken cancel)
    {
        using (browser)
        using (app)
        {
            try
            {
                browser.NoDelay = true;
                app.NoDelay = true;
                await app.ConnectAsync(target, cancel);
                await Task.WhenAny(
                    PumpAsync(browser.GetStream(), app.GetStream(), cancel),
                    PumpAsync(app.GetStream(), browser.GetStream(), cancel));
            }
            catch (Exception error) when (error is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
            {
                // A dropped connection is what the relay is for.
            }
        }
    }

    /// <summary>Reads as bytes arrive and writes each chunk once it is <see cref="Delay"/> old, in order.</summary>
    private async Task PumpAsync(NetworkStream from, NetworkStream to, CancellationToken cancel)
    {
        var queue = Channel.CreateUnbounded<(long Due, byte[] Bytes)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var writing = Task.Run(async () =>
        {
            await foreach (var (due, bytes) in queue.Reader.ReadAllAsync(cancel))
            {
                var wait = due - Environment.TickCount64;
                if (wait > 0)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(wait), cancel);
                }

                await to.WriteAsync(bytes, cancel);
            }
        }, cancel);

        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, cancel)) > 0)
            {
                queue.Writer.TryWrite((Environment.TickCount64 + (long)Delay.TotalMilliseconds, buffer[..read]));
            }
        }
        finally
        {
            queue.Writer.TryComplete();
        }

        await writing;
    }
}
