using System.Runtime.InteropServices;
using KpiGrpc.Core.Counting;
using KpiGrpc.Core.Records;
using KpiGrpc.Core.Rollups;

namespace KpiGrpc.Core.Computing;

/// <summary>
/// Counters per series and 15-minute slot, keyed by small integers so that counting a call
/// costs an array index for its series, a look-up in that series' few days, and no allocation.
/// Each series keeps one array of 96 slots per UTC day it has data on: a call lands next to the
/// other calls of its series and day instead of in one big table of (series, slot) keys, which
/// was the slowest step of a computation (measured).
/// </summary>
internal sealed class SeriesCounters
{
    /// <summary>15-minute slots in a UTC day: the size of a chunk.</summary>
    private const int SlotsPerDay = 96;

    private readonly Dictionary<SeriesKey, int> _seriesIndex = [];
    private readonly List<SeriesKey> _series = [];
    private readonly List<Dictionary<int, KpiCounters[]>> _days = [];

    public int IndexOf(string campaignId, string teamId, string operatorId)
    {
        ref var index = ref CollectionsMarshal.GetValueRefOrAddDefault(_seriesIndex, new SeriesKey(campaignId, teamId, operatorId), out var exists);
        if (!exists)
        {
            index = _series.Count;
            _series.Add(new SeriesKey(campaignId, teamId, operatorId));
            _days.Add([]);
        }

        return index;
    }

    public void Add(int series, long slot, in KpiCounters counters) => Slot(series, slot) += counters;

    public void Subtract(int series, long slot, in KpiCounters counters) => Slot(series, slot) -= counters;

    /// <summary>Every non-empty slot into <paramref name="index"/>, for the query engine.</summary>
    public void CopyTo(RollupIndex index)
    {
        for (var series = 0; series < _series.Count; series++)
        {
            foreach (var (day, slots) in _days[series])
            {
                for (var i = 0; i < SlotsPerDay; i++)
                {
                    if (!slots[i].IsZero)
                    {
                        index.Add(_series[series], ((long)day * SlotsPerDay) + i, slots[i]);
                    }
                }
            }
        }
    }

    // Valid calls and sessions fall between 2000 and tomorrow: slots are positive.
    private ref KpiCounters Slot(int series, long slot)
    {
        var day = (int)(slot / SlotsPerDay);
        ref var slots = ref CollectionsMarshal.GetValueRefOrAddDefault(_days[series], day, out var exists);
        if (!exists)
        {
            slots = new KpiCounters[SlotsPerDay];
        }

        return ref slots![(int)(slot - ((long)day * SlotsPerDay))];
    }
}
