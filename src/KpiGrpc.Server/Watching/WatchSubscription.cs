using System.Threading.Channels;
using KpiGrpc.Core.Querying;
using KpiGrpc.Core.Rollups;

namespace KpiGrpc.Server.Watching;

/// <summary>
/// One watch's interest: which series and slots it covers, and a latest-wins dirty flag the
/// hub raises without ever waiting.
/// </summary>
public sealed class WatchSubscription(KpiFilter filter) : IDisposable
{
    private readonly Channel<bool> _dirty = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    private long _fromSlot = long.MinValue;
    private long _toSlot = long.MaxValue;

    internal Action<WatchSubscription>? OnDispose { get; set; }

    /// <summary>Sets the slots [from, to) this watch covers; to is long.MaxValue for an open-ended window.</summary>
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

        if (_dirty.Reader.Count > 0 || !Touches(change))
        {
            return;
        }

        _dirty.Writer.TryWrite(true);
    }

    /// <summary>Waits until a change may have touched this watch, and clears the flag.</summary>
    public async ValueTask WaitDirtyAsync(CancellationToken cancellationToken)
    {
        while (!_dirty.Reader.TryRead(out _))
        {
            await _dirty.Reader.WaitToReadAsync(cancellationToken);
        }
    }

    /// <summary>Forgets changes seen so far: the next computation includes them.</summary>
    public void ClearDirty() => _dirty.Reader.TryRead(out _);

    public void Dispose() => OnDispose?.Invoke(this);

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
