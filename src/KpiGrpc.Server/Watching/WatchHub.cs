using KpiGrpc.Core.Querying;
using KpiGrpc.Core.Rollups;
using KpiGrpc.Core.Storage;

namespace KpiGrpc.Server.Watching;

/// <summary>
/// Fans store commits out to live watches. The store raises Changed on its commit path, so
/// the handler only flags the overlapping watches dirty; each watch recomputes on its own.
/// </summary>
public sealed class WatchHub : IDisposable
{
    private readonly IKpiStore _store;
    private readonly Lock _gate = new();
    private WatchSubscription[] _subscriptions = [];

    public WatchHub(IKpiStore store)
    {
        _store = store;
        _store.Changed += OnChanged;
    }

    public int SubscriberCount => Volatile.Read(ref _subscriptions).Length;

    /// <summary>A subscription that sees every change from now on; dispose it to unsubscribe.</summary>
    public WatchSubscription Subscribe(KpiFilter filter)
    {
        var subscription = new WatchSubscription(filter) { OnDispose = Unsubscribe };
        lock (_gate)
        {
            _subscriptions = [.. _subscriptions, subscription];
        }

        return subscription;
    }

    public void Dispose() => _store.Changed -= OnChanged;

    private void Unsubscribe(WatchSubscription subscription)
    {
        lock (_gate)
        {
            _subscriptions = Array.FindAll(_subscriptions, s => s != subscription);
        }
    }

    private void OnChanged(RollupChange? change)
    {
        if (change is null)
        {
            return;
        }

        // Copy-on-write array: the commit path reads it without a lock or an allocation.
        foreach (var subscription in Volatile.Read(ref _subscriptions))
        {
            subscription.Notify(change);
        }
    }
}
