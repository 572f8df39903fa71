using System.Runtime.CompilerServices;
using KpiGrpc.Core.Counting;
using KpiGrpc.Core.Records;

namespace KpiGrpc.Core.Rollups;

/// <summary>
/// All rollups in memory, in chunks of 16 slots (4 hours) per series, ordered by time, so that a query sums a
/// few hundred thousand small structs instead of reading calls, and a late historical record
/// updates its slot in place. Thread-safe: many readers, one writer at a time.
/// </summary>
public sealed class RollupIndex : IRollupSource
{
    private const int ChunkSlots = 16;

    private readonly Dictionary<SeriesKey, SortedList<long, KpiCounters[]>> _series = [];
    private readonly ReaderWriterLockSlim _lock = new();

    public int SeriesCount
    {
        get
        {
            _lock.EnterReadLock();
            try { return _series.Count; }
            finally { _lock.ExitReadLock(); }
        }
    }

    /// <summary>Adds a stored rollup row (start-up) or a committed change.</summary>
    public void Add(SeriesKey series, long slot, KpiCounters counters)
    {
        _lock.EnterWriteLock();
        try { AddUnlocked(series, slot, counters); }
        finally { _lock.ExitWriteLock(); }
    }

    public void Apply(RollupDelta delta)
    {
        _lock.EnterWriteLock();
        try
        {
            foreach (var ((series, slot), counters) in delta.Changes)
            {
                AddUnlocked(series, slot, counters);
            }
        }
        finally { _lock.ExitWriteLock(); }
    }

    // Queries run this loop rarely but long: optimise it fully at once instead of tiering up.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ValueTask ScanAsync(long fromSlot, long toSlot, IRollupVisitor visitor, CancellationToken cancellationToken)
    {
        _lock.EnterReadLock();
        try
        {
            var firstChunk = FloorDiv(fromSlot, ChunkSlots);
            var lastChunk = FloorDiv(toSlot - 1, ChunkSlots);
            foreach (var (key, chunks) in _series)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!visitor.BeginSeries(key))
                {
                    continue;
                }

                ScanSeries(chunks, firstChunk, lastChunk, fromSlot, toSlot, visitor);
                visitor.EndSeries();
            }
        }
        finally { _lock.ExitReadLock(); }

        return ValueTask.CompletedTask;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ScanSeries(SortedList<long, KpiCounters[]> chunks, long firstChunk, long lastChunk, long fromSlot, long toSlot, IRollupVisitor visitor)
    {
        var ids = chunks.Keys;
        var values = chunks.Values;
        for (var i = LowerBound(ids, firstChunk); i < ids.Count && ids[i] <= lastChunk; i++)
        {
            VisitChunk(ids[i], values[i], fromSlot, toSlot, visitor);
        }
    }

    /// <summary>The position of the first chunk id at or after <paramref name="chunkId"/>.</summary>
    private static int LowerBound(IList<long> ids, long chunkId)
    {
        int low = 0, high = ids.Count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (ids[middle] < chunkId)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void VisitChunk(long chunkId, KpiCounters[] chunk, long fromSlot, long toSlot, IRollupVisitor visitor)
    {
        var baseSlot = chunkId * ChunkSlots;
        for (var i = 0; i < ChunkSlots; i++)
        {
            var slot = baseSlot + i;
            if (slot >= fromSlot && slot < toSlot && !chunk[i].IsZero)
            {
                visitor.Visit(slot, in chunk[i]);
            }
        }
    }

    private void AddUnlocked(SeriesKey series, long slot, KpiCounters counters)
    {
        if (counters.IsZero)
        {
            return;
        }

        if (!_series.TryGetValue(series, out var chunks))
        {
            _series[series] = chunks = new SortedList<long, KpiCounters[]>();
        }

        var chunkId = FloorDiv(slot, ChunkSlots);
        if (!chunks.TryGetValue(chunkId, out var chunk))
        {
            chunks[chunkId] = chunk = new KpiCounters[ChunkSlots];
        }

        chunk[(int)(slot - chunkId * ChunkSlots)] += counters;
    }

    private static long FloorDiv(long value, long divisor) =>
        value >= 0 ? value / divisor : ((value + 1) / divisor) - 1;
}
