using KpiGrpc.Core.Rollups;

namespace KpiGrpc.Core.Querying;

/// <summary>
/// A query's range cut into segments at every period and local-day boundary, in slots. Each
/// segment lies in one period and one local day, which is what the logged-time estimate needs.
/// </summary>
internal sealed class QueryTimeline
{
    private readonly long[] _segmentStarts;
    private readonly int[] _segmentPeriod;

    // The local hour of the week (0-167) of every slot of the range, when the query groups by weekday or hour.
    private readonly byte[]? _hourOfWeek;

    public QueryTimeline(KpiQuery query)
    {
        FromSlot = TimeBuckets.SlotOf(query.From);
        ToSlot = TimeBuckets.SlotOf(query.To);

        Periods = query.Granularity == Granularity.None
            ? [(query.From, query.To)]
            : PeriodCalendar.Periods(query.From, query.To, query.Granularity, query.TimeZone).ToArray();

        var dayStarts = PeriodCalendar.Periods(query.From, query.To, Granularity.Day, query.TimeZone).Select(day => day.Start);
        var cuts = Periods.Select(period => period.Start).Concat(dayStarts)
            .Select(TimeBuckets.SlotOf)
            .Where(slot => slot > FromSlot && slot < ToSlot)
            .Append(FromSlot)
            .Distinct()
            .Order()
            .ToArray();

        _segmentStarts = cuts;
        _segmentPeriod = new int[cuts.Length];
        var periodStarts = Periods.Select(period => TimeBuckets.SlotOf(period.Start)).ToArray();
        for (int segment = 0, period = 0; segment < cuts.Length; segment++)
        {
            while (period + 1 < periodStarts.Length && periodStarts[period + 1] <= cuts[segment])
            {
                period++;
            }

            _segmentPeriod[segment] = period;
        }

        if ((query.GroupBy & (GroupDimensions.Weekday | GroupDimensions.HourOfDay)) != 0)
        {
            _hourOfWeek = new byte[ToSlot - FromSlot];
            for (var slot = FromSlot; slot < ToSlot; slot++)
            {
                _hourOfWeek[slot - FromSlot] = (byte)LocalHour.HourOfWeek(TimeBuckets.StartOf(slot), query.TimeZone);
            }
        }
    }

    /// <summary>The local hour of the week (0 is Monday 00:00) of a slot in range; only when grouping by weekday or hour.</summary>
    public int HourOfWeek(long slot) => _hourOfWeek![slot - FromSlot];

    public long FromSlot { get; }

    public long ToSlot { get; }

    public IReadOnlyList<(DateTimeOffset Start, DateTimeOffset End)> Periods { get; }

    public int SegmentCount => _segmentStarts.Length;

    public int PeriodOfSegment(int segment) => _segmentPeriod[segment];

    /// <summary>The first slot after <paramref name="segment"/>.</summary>
    public long SegmentEnd(int segment) => segment + 1 < _segmentStarts.Length ? _segmentStarts[segment + 1] : ToSlot;

    /// <summary>The segment holding <paramref name="slot"/>, searching forward from <paramref name="hint"/>.</summary>
    public int SegmentOf(long slot, int hint)
    {
        if (hint < 0 || hint >= _segmentStarts.Length || _segmentStarts[hint] > slot)
        {
            hint = 0;
        }

        while (hint + 1 < _segmentStarts.Length && _segmentStarts[hint + 1] <= slot)
        {
            hint++;
        }

        return hint;
    }
}
