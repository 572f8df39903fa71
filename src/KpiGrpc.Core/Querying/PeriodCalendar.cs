namespace KpiGrpc.Core.Querying;

/// <summary>Local calendar periods (hours, days, ISO weeks, months) of a time zone, as UTC instants.</summary>
public static class PeriodCalendar
{
    /// <summary>The start of the period that contains <paramref name="instant"/>.</summary>
    public static DateTimeOffset PeriodStart(DateTimeOffset instant, Granularity granularity, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(instant, zone).DateTime;
        var start = granularity switch
        {
            Granularity.Hour => new DateTime(local.Year, local.Month, local.Day, local.Hour, 0, 0),
            Granularity.Day => local.Date,
            Granularity.Week => local.Date.AddDays(-(((int)local.DayOfWeek + 6) % 7)),
            Granularity.Month => new DateTime(local.Year, local.Month, 1),
            _ => throw new ArgumentOutOfRangeException(nameof(granularity), granularity, "no calendar period"),
        };
        var utc = TimeZones.StartOfLocal(start, zone);

        // An hour that a DST fall-back repeats starts twice; keep the occurrence that holds the instant.
        if (granularity == Granularity.Hour && utc.AddHours(1) <= instant)
        {
            utc = instant - TimeSpan.FromTicks((instant - utc).Ticks % TimeSpan.TicksPerHour);
        }

        return utc;
    }

    /// <summary>The start of the period after the one that starts at <paramref name="periodStart"/>.</summary>
    public static DateTimeOffset NextPeriodStart(DateTimeOffset periodStart, Granularity granularity, TimeZoneInfo zone)
    {
        if (granularity == Granularity.Hour)
        {
            // Local hours are one real hour long, even across DST changes (23 or 25 per day).
            var next = periodStart.AddHours(1);
            var localNext = TimeZoneInfo.ConvertTime(next, zone).DateTime;
            // Zones with 30- or 45-minute offsets still start hours on the local clock hour.
            return next.AddMinutes(-localNext.Minute);
        }

        var local = TimeZoneInfo.ConvertTime(periodStart, zone).DateTime;
        var nextLocal = granularity switch
        {
            Granularity.Day => local.Date.AddDays(1),
            Granularity.Week => local.Date.AddDays(7),
            Granularity.Month => new DateTime(local.Year, local.Month, 1).AddMonths(1),
            _ => throw new ArgumentOutOfRangeException(nameof(granularity), granularity, "no calendar period"),
        };
        return TimeZones.StartOfLocal(nextLocal, zone);
    }

    /// <summary>The periods that overlap [<paramref name="from"/>, <paramref name="to"/>), in order, unclipped.</summary>
    public static IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> Periods(DateTimeOffset from, DateTimeOffset to, Granularity granularity, TimeZoneInfo zone)
    {
        for (var start = PeriodStart(from, granularity, zone); start < to;)
        {
            var end = NextPeriodStart(start, granularity, zone);
            yield return (start, end);
            start = end;
        }
    }
}
