using System.Collections.Immutable;
using System.Globalization;

namespace HelpAsk.Web.Data;

/// <summary>
/// A change committed to the database by any instance: a request's timeline grew (an answer, a status change), or an
/// outbox message was written or changed state. <see cref="ToDeliver"/> says an email now waits for a dispatcher.
/// </summary>
public sealed record DataChange(string? OwnerId, Guid? RequestId, Guid? OutboxMessageId, bool ToDeliver)
{
    /// <summary>Changes may have been missed (the listener was not connected): every watcher looks again.</summary>
    public static readonly DataChange Unheard = new(OwnerId: null, RequestId: null, OutboxMessageId: null, ToDeliver: true);

    /// <summary>Whether a page of <paramref name="ownerId"/> may show something this changed.</summary>
    public bool Concerns(string ownerId) => OwnerId is null || OwnerId == ownerId;

    /// <summary>
    /// Reads the database's notice, as its triggers write it (PostgreSQL migration <c>LiveChangeNotifications</c>):
    /// <c>request REQUEST OWNER</c> or <c>outbox MESSAGE OWNER REQUEST|- STATE</c>. Anything else is an unheard change.
    /// </summary>
    public static DataChange Parse(string payload)
    {
        var parts = (payload ?? "").Split(' ');
        return parts switch
        {
            ["request", var request, var owner] when Guid.TryParse(request, CultureInfo.InvariantCulture, out var id) =>
                new DataChange(owner, id, OutboxMessageId: null, ToDeliver: false),
            ["outbox", var message, var owner, var request, var state] when Guid.TryParse(message, CultureInfo.InvariantCulture, out var id) =>
                new DataChange(owner, Guid.TryParse(request, CultureInfo.InvariantCulture, out var requestId) ? requestId : null, id,
                    ToDeliver: state == nameof(Features.Sending.DeliveryState.Waiting)),
            _ => Unheard,
        };
    }
}

/// <summary>
/// The in-process broadcast of <see cref="DataChange"/>s, fed on PostgreSQL by <see cref="PostgresChangeListener"/> with
/// what every instance commits. Subscribers must return at once (they ring a <see cref="Hosting.Wakeup"/>).
/// </summary>
public sealed class ChangeFeed
{
    private ImmutableArray<Action<DataChange>> subscribers = [];

    public IDisposable Subscribe(Action<DataChange> onChange)
    {
        ArgumentNullException.ThrowIfNull(onChange);
        ImmutableInterlocked.Update(ref subscribers, list => list.Add(onChange));
        return new Subscription(() => ImmutableInterlocked.Update(ref subscribers, list => list.Remove(onChange)));
    }

    public void Publish(DataChange change)
    {
        foreach (var subscriber in subscribers)
        {
            subscriber(change);
        }
    }

    private sealed class Subscription(Action end) : IDisposable
    {
        public void Dispose() => end();
    }
}
