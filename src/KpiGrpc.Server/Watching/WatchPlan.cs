using KpiGrpc.Core.Querying;
using KpiGrpc.Core.Rollups;
using KpiGrpc.Core.Validation;
using KpiGrpc.Server.Mapping;
using KpiGrpc.Server.Options;

namespace KpiGrpc.Server.Watching;

/// <summary>The figures a watch sends: the slots it covers, and when it rolls over (a current period's end).</summary>
public sealed record WatchWindow(DateTimeOffset Start, DateTimeOffset QueryEnd, DateTimeOffset? End)
{
    public long FromSlot => TimeBuckets.SlotOf(Start);

    /// <summary>Open-ended windows take changes at any later slot: new records land there.</summary>
    public long ToSlot => End is { } end ? TimeBuckets.SlotOf(end) : long.MaxValue;

    /// <summary>The same period: a since window's query end moves with the clock, its start and (absent) end do not.</summary>
    public bool SamePeriodAs(WatchWindow? other) => other is not null && Start == other.Start && End == other.End;
}

/// <summary>A validated WatchKpisRequest: what to compute, and how to place the window at any instant.</summary>
public sealed record WatchPlan(
    DateTimeOffset? Since,
    Granularity? CurrentPeriod,
    KpiFilter Filter,
    GroupDimensions GroupBy,
    Granularity Granularity,
    TimeZoneInfo TimeZone,
    TimeSpan CoalesceInterval)
{
    public static WatchPlan From(V1.WatchKpisRequest request, WatchOptions options)
    {
        DateTimeOffset? since = null;
        Granularity? currentPeriod = null;
        switch (request.WindowCase)
        {
            case V1.WatchKpisRequest.WindowOneofCase.Since:
                since = QueryMapper.Instant(request.Since, "since");
                break;
            case V1.WatchKpisRequest.WindowOneofCase.CurrentPeriod:
                currentPeriod = ToGranularity(request.CurrentPeriod);
                break;
            default:
                throw new KpiRequestException("window", "set the window: since (an instant) or current_period (DAY, WEEK or MONTH)");
        }

        return new WatchPlan(
            since,
            currentPeriod,
            QueryMapper.ToCore(request.Filter),
            QueryMapper.ToCore(request.GroupBy),
            QueryMapper.ToCore(request.Granularity),
            TimeZones.Find(request.TimeZone),
            CoalesceOf(request, options));
    }

    /// <summary>The window at <paramref name="now"/>: a since window's end follows the clock (records may be up to 24 h ahead).</summary>
    public WatchWindow WindowAt(DateTimeOffset now)
    {
        if (CurrentPeriod is { } period)
        {
            var start = PeriodCalendar.PeriodStart(now, period, TimeZone);
            var end = PeriodCalendar.NextPeriodStart(start, period, TimeZone);
            return new WatchWindow(start, end, end);
        }

        var from = TimeBuckets.StartOf(TimeBuckets.SlotOf(Since!.Value));
        var to = TimeBuckets.StartOf(TimeBuckets.SlotAtOrAfter(now + RecordValidator.MaxFutureSkew));
        if (to <= from)
        {
            throw new KpiRequestException("since", $"since ({Since:O}) is more than {RecordValidator.MaxFutureSkew.TotalHours:0} hours in the future");
        }

        if (to - from > KpiQuery.MaxRange)
        {
            throw new KpiRequestException("since", $"since ({Since:O}) is too far back: a watch covers at most {KpiQuery.MaxRange.TotalDays:0} days");
        }

        return new WatchWindow(from, to, null);
    }

    public KpiQuery QueryFor(WatchWindow window) => new(window.Start, window.QueryEnd, Filter, GroupBy, Granularity, TimeZone);

    private static Granularity ToGranularity(V1.CurrentPeriod period) => period switch
    {
        V1.CurrentPeriod.Day => Granularity.Day,
        V1.CurrentPeriod.Week => Granularity.Week,
        V1.CurrentPeriod.Month => Granularity.Month,
        _ => throw new KpiRequestException("current_period", "current_period must be DAY, WEEK or MONTH"),
    };

    private static TimeSpan CoalesceOf(V1.WatchKpisRequest request, WatchOptions options)
    {
        if (request.CoalesceInterval is null)
        {
            return options.DefaultCoalesceInterval;
        }

        // By hand rather than ToTimeSpan(), which throws on a malformed Duration.
        var duration = request.CoalesceInterval;
        var interval = duration.Seconds is >= -315_576_000_000 and <= 315_576_000_000
            ? TimeSpan.FromTicks((duration.Seconds * TimeSpan.TicksPerSecond) + (duration.Nanos / 100))
            : TimeSpan.MaxValue;
        return WatchOptions.IsAllowed(interval)
            ? interval
            : throw new KpiRequestException("coalesce_interval",
                $"coalesce_interval must be between {WatchOptions.MinCoalesceInterval.TotalMilliseconds:0} ms and {WatchOptions.MaxCoalesceInterval.TotalSeconds:0} s");
    }
}
