using KpiGrpc.Core.Counting;
using KpiGrpc.Core.Records;

namespace KpiGrpc.Core.Rollups;

/// <summary>
/// The net change a transaction makes to the rollups, summed per series and slot, so that a
/// batch of thousands of calls becomes a few rollup updates.
/// </summary>
public sealed class RollupDelta
{
    private readonly Dictionary<(SeriesKey Series, long Slot), KpiCounters> _changes = [];

    public int Count => _changes.Count;

    public IEnumerable<KeyValuePair<(SeriesKey Series, long Slot), KpiCounters>> Changes => _changes;

    public void Add(SeriesKey series, long slot, KpiCounters counters)
    {
        ref var entry = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_changes, (series, slot), out _);
        entry += counters;
    }

    /// <summary>The series and slot span touched, for live watchers; null when nothing changed.</summary>
    public RollupChange? ToChange()
    {
        var touched = _changes.Where(pair => !pair.Value.IsZero).Select(pair => pair.Key).ToList();
        if (touched.Count == 0)
        {
            return null;
        }

        return new RollupChange(
            touched.Select(key => key.Series).ToHashSet(),
            touched.Min(key => key.Slot),
            touched.Max(key => key.Slot));
    }
}

/// <summary>Which series changed, and between which slots (inclusive).</summary>
public sealed record RollupChange(IReadOnlySet<SeriesKey> Series, long FirstSlot, long LastSlot);
