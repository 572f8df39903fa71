using System.Runtime.InteropServices;
using KpiGrpc.Core.Counting;
using KpiGrpc.Core.Records;
using KpiGrpc.Core.Rollups;

namespace KpiGrpc.Core.Computing;

/// <summary>
/// Counters per series and 15-minute slot, keyed by small integers so that counting a call
/// costs one look-up of its series and one of its slot, and no allocation.
/// </summary>
internal sealed class SeriesCounters
{
    private readonly Dictionary<SeriesKey, int> _seriesIndex = [];
    private readonly List<SeriesKey> _series = [];
    private readonly Dictionary<long, KpiCounters> _slots = new(MixedKeyComparer.Instance);

    public int IndexOf(string campaignId, string teamId, string operatorId)
    {
        ref var index = ref CollectionsMarshal.GetValueRefOrAddDefault(_seriesIndex, new SeriesKey(campaignId, teamId, operatorId), out var exists);
        if (!exists)
        {
            index = _series.Count;
            _series.Add(new SeriesKey(campaignId, teamId, operatorId));
        }

        return index;
    }

    public void Add(int series, long slot, in KpiCounters counters)
    {
        ref var entry = ref CollectionsMarshal.GetValueRefOrAddDefault(_slots, Key(series, slot), out _);
        entry += counters;
    }

    public void Subtract(int series, long slot, in KpiCounters counters)
    {
        ref var entry = ref CollectionsMarshal.GetValueRefOrAddDefault(_slots, Key(series, slot), out _);
        entry -= counters;
    }

    /// <summary>Every non-empty slot into <paramref name="index"/>, for the query engine.</summary>
    public void CopyTo(RollupIndex index)
    {
        foreach (var (key, counters) in _slots)
        {
            index.Add(_series[(int)(key >> 32)], (int)key, counters);
        }
    }

    // Valid calls and sessions fall between 2000 and tomorrow: their slots fit in 32 bits.
    private static long Key(int series, long slot) => ((long)series << 32) | (uint)checked((int)slot);

    /// <summary>
    /// long's own hash folds the series (high half) onto the slot (low half): (series, slot)
    /// keys would share a few thousand hash codes and chains hundreds long. Fibonacci hashing
    /// spreads them.
    /// </summary>
    private sealed class MixedKeyComparer : IEqualityComparer<long>
    {
        public static readonly MixedKeyComparer Instance = new();

        public bool Equals(long x, long y) => x == y;

        public int GetHashCode(long key) => (int)(((ulong)key * 0x9E3779B97F4A7C15UL) >> 32);
    }
}
