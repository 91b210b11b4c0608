using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace HelpAsk.Testing;

/// <summary>Every log event the app writes, kept in memory (add it with <c>services.AddSingleton&lt;ILogEventSink&gt;(sink)</c>).</summary>
public sealed class MemorySink : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> events = new();

    public IReadOnlyCollection<LogEvent> Events => events;

    public void Emit(LogEvent logEvent) => events.Enqueue(logEvent);
}
