using System.Threading.Channels;
using KpiGrpc.Core.Querying;
using KpiGrpc.Core.Rollups;

namespace KpiGrpc.Server.Watching;

/// <summary>
/// A feed's interest in store commits: which series and slots it covers, how many changes
/// touched it, and a latest-wins dirty flag the hub raises without ever waiting.
/// </summary>
public sealed class WatchSubscription(KpiFilter filter)
{
    private readonly Channel<bool> _dirty = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    private long _fromSlot = long.MinValue;
    private long _toSlot = long.MaxValue;
    private long _changeCount;

    /// <summary>
    /// Grows when a change touches this interest while the flag is down. A computation that reads
    /// it after clearing the flag includes every change up to that count (the store applies a
    /// change to the rollups before it notifies).
    /// </summary>
    public long ChangeCount => Interlocked.Read(ref _changeCount);

    /// <summary>Sets the slots [from, to) covered; to is long.MaxValue for an open-ended window.</summary>
    public void SetWindow(long fromSlot, long toSlot)
    {
        Volatile.Write(ref _fromSlot, fromSlot);
        Volatile.Write(ref _toSlot, toSlot);
    }

    /// <summary>Called on the store's commit path: cheap checks, then at most one non-blocking write.</summary>
    internal void Notify(RollupChange change)
    {
        if (change.LastSlot < Volatile.Read(ref _fromSlot) || change.FirstSlot >= Volatile.Read(ref _toSlot))
        {
            return;
        }

        // Raised already: the computation that lowers it will read this change too.
        if (_dirty.Reader.Count > 0 || !Touches(change))
        {
            return;
        }

        Interlocked.Increment(ref _changeCount);
        _dirty.Writer.TryWrite(true);
    }

    /// <summary>Waits until a change may have touched this interest, and lowers the flag.</summary>
    public async ValueTask WaitDirtyAsync(CancellationToken cancellationToken)
    {
        while (!_dirty.Reader.TryRead(out _))
        {
            await _dirty.Reader.WaitToReadAsync(cancellationToken);
        }
    }

    /// <summary>Lowers the flag: the computation about to start includes the changes seen so far.</summary>
    public void ClearDirty() => _dirty.Reader.TryRead(out _);

    private bool Touches(RollupChange change)
    {
        foreach (var series in change.Series)
        {
            if (filter.Includes(series))
            {
                return true;
            }
        }

        return false;
    }
}
