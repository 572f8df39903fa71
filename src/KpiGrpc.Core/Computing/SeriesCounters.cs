using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using KpiGrpc.Core.Counting;
using KpiGrpc.Core.Records;
using KpiGrpc.Core.Rollups;

namespace KpiGrpc.Core.Computing;

/// <summary>
/// Counters per series and 15-minute slot, keyed by small integers so that counting a call
/// costs two array indexes and no allocation. Each series keeps one array of 96 slots per UTC
/// day it has data on, found through a day number shared by all series: a call lands next to
/// the other calls of its series and day, and the look-up path stays in cache (a table of
/// (series, slot) keys, then a small table of days per series, were each the slowest step of a
/// computation, measured).
/// </summary>
internal sealed class SeriesCounters
{
    /// <summary>15-minute slots in a UTC day: the size of a chunk.</summary>
    private const int SlotsPerDay = 96;

    private readonly Dictionary<SeriesKey, int> _seriesIndex = [];
    private readonly List<SeriesKey> _series = [];

    // Day number (slot / 96) -> its column in every series' chunks, in order of first use.
    private readonly Dictionary<int, int> _dayColumns = [];
    private readonly List<int> _days = [];
    private readonly List<KpiCounters[]?[]> _chunks = [];
    private int _lastDay = -1;
    private int _lastColumn = -1;

    public int IndexOf(string campaignId, string teamId, string operatorId) => IndexOf(new SeriesKey(campaignId, teamId, operatorId));

    public int IndexOf(SeriesKey series)
    {
        ref var index = ref CollectionsMarshal.GetValueRefOrAddDefault(_seriesIndex, series, out var exists);
        if (!exists)
        {
            index = _series.Count;
            _series.Add(series);
            _chunks.Add(new KpiCounters[]?[Math.Max(_days.Count, 4)]);
        }

        return index;
    }

    public void Add(int series, long slot, in KpiCounters counters) => Slot(series, slot) += counters;

    /// <summary>
    /// Where the counters of <paramref name="slot"/> live in every series: its day's column
    /// (created on first use) and its place in that day. Slots are positive (after 1970).
    /// </summary>
    public (int Column, int SlotOfDay) Locate(long slot)
    {
        var day = (int)(slot / SlotsPerDay);
        return (DayColumn(day), (int)(slot - ((long)day * SlotsPerDay)));
    }

    /// <summary>Adds to the counters of a located slot: the hot path of a computation.</summary>
    public void Add(int series, int column, int slotOfDay, in KpiCounters counters) => Chunk(series, column)[slotOfDay] += counters;

    /// <summary>Asks the CPU to load the counters of a located slot ahead of <see cref="Add(int, int, int, in KpiCounters)"/>, if they exist.</summary>
    public unsafe void Prefetch(int series, int column, int slotOfDay)
    {
        if (Sse.IsSupported && series >= 0)
        {
            var chunks = _chunks[series];
            if (column < chunks.Length && chunks[column] is { } chunk)
            {
                Sse.Prefetch0(Unsafe.AsPointer(ref chunk[slotOfDay]));
            }
        }
    }

    /// <summary>Every non-empty slot into <paramref name="index"/>, for the query engine.</summary>
    public void CopyTo(RollupIndex index)
    {
        for (var series = 0; series < _series.Count; series++)
        {
            var chunks = _chunks[series];
            for (var column = 0; column < chunks.Length; column++)
            {
                if (chunks[column] is not { } slots)
                {
                    continue;
                }

                for (var i = 0; i < SlotsPerDay; i++)
                {
                    if (!slots[i].IsZero)
                    {
                        index.Add(_series[series], ((long)_days[column] * SlotsPerDay) + i, slots[i]);
                    }
                }
            }
        }
    }

    // Valid calls and sessions fall between 2000 and tomorrow: slots are positive.
    private ref KpiCounters Slot(int series, long slot)
    {
        var (column, slotOfDay) = Locate(slot);
        return ref Chunk(series, column)[slotOfDay];
    }

    private KpiCounters[] Chunk(int series, int column)
    {
        var chunks = _chunks[series];
        if (column >= chunks.Length)
        {
            Array.Resize(ref chunks, Math.Max(chunks.Length * 2, column + 1));
            _chunks[series] = chunks;
        }

        return chunks[column] ??= new KpiCounters[SlotsPerDay];
    }

    private int DayColumn(int day)
    {
        if (day != _lastDay)
        {
            ref var column = ref CollectionsMarshal.GetValueRefOrAddDefault(_dayColumns, day, out var exists);
            if (!exists)
            {
                column = _days.Count;
                _days.Add(day);
            }

            (_lastDay, _lastColumn) = (day, column);
        }

        return _lastColumn;
    }
}
