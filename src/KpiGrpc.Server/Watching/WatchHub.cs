using KpiGrpc.Core.Querying;
using KpiGrpc.Core.Rollups;
using KpiGrpc.Core.Storage;
using KpiGrpc.Server.Options;
using Microsoft.Extensions.Options;

namespace KpiGrpc.Server.Watching;

/// <summary>
/// Where watches meet: watches of the same query share one <see cref="WatchFeed"/>, so each
/// extra watcher costs no computation; the caps on open watches are enforced here; store commits
/// fan out to the feeds (the handler only flags the overlapping ones dirty).
/// </summary>
public sealed class WatchHub : IDisposable
{
    private readonly IKpiStore _store;
    private readonly KpiQueryEngine _engine;
    private readonly TimeProvider _clock;
    private readonly WatchOptions _options;
    private readonly WatchLimits _limits;
    private readonly WatchComputeBudget _budget;
    private readonly Lock _gate = new();
    private readonly Dictionary<WatchKey, WatchFeed> _feeds = [];
    private WatchFeed[] _active = [];
    private int _watches;
    private long _computations;

    public WatchHub(IKpiStore store, KpiQueryEngine engine, TimeProvider clock, IOptions<WatchOptions> options)
    {
        (_store, _engine, _clock, _options) = (store, engine, clock, options.Value);
        _limits = new WatchLimits(_options);
        _budget = new WatchComputeBudget(_options.MaxComputeShare);
        _store.Changed += OnChanged;
    }

    /// <summary>Open watches.</summary>
    public int SubscriberCount => Volatile.Read(ref _watches);

    /// <summary>Distinct queries being watched: one computation each per change.</summary>
    public int FeedCount => Volatile.Read(ref _active).Length;

    /// <summary>Computations of watch figures since start-up, all feeds together.</summary>
    public long Computations => Interlocked.Read(ref _computations);

    /// <summary>
    /// A place for one watch, on the feed of its query (started for the first watch). Throws
    /// RESOURCE_EXHAUSTED past a cap; dispose the lease when the watch ends.
    /// </summary>
    public WatchLease Join(WatchPlan plan, string? connectionId)
    {
        var key = WatchKey.Of(plan);
        lock (_gate)
        {
            _limits.Admit(connectionId);
            if (!_feeds.TryGetValue(key, out var feed))
            {
                feed = new WatchFeed(plan, _engine, _clock, _budget, _options.MaxMessageBytes, () => Interlocked.Increment(ref _computations));
                _feeds[key] = feed;
                // Copy-on-write array: the commit path reads it without a lock or an allocation.
                _active = [.. _active, feed];
                feed.Start();
            }

            feed.Members++;
            _watches++;
            return new WatchLease(this, key, feed, connectionId);
        }
    }

    internal async ValueTask LeaveAsync(WatchLease lease)
    {
        var feed = lease.Feed;
        lock (_gate)
        {
            _limits.Release(lease.ConnectionId);
            _watches--;
            if (--feed.Members > 0)
            {
                return;
            }

            _feeds.Remove(lease.Key);
            _active = Array.FindAll(_active, f => f != feed);
        }

        await feed.DisposeAsync();
    }

    public void Dispose() => _store.Changed -= OnChanged;

    private void OnChanged(RollupChange? change)
    {
        if (change is null)
        {
            return;
        }

        foreach (var feed in Volatile.Read(ref _active))
        {
            feed.Subscription.Notify(change);
        }
    }
}

/// <summary>One watch's place on a feed; disposing it frees the place (and the feed, after its last watch).</summary>
public sealed class WatchLease(WatchHub hub, WatchKey key, WatchFeed feed, string? connectionId) : IAsyncDisposable
{
    private int _disposed;

    public WatchFeed Feed => feed;

    internal WatchKey Key => key;

    internal string? ConnectionId => connectionId;

    public ValueTask DisposeAsync() =>
        Interlocked.Exchange(ref _disposed, 1) == 0 ? hub.LeaveAsync(this) : ValueTask.CompletedTask;
}
