namespace KpiGrpc.Core.Querying;

/// <summary>
/// Where a 15-minute slot falls in the local week of a time zone: its weekday (Monday first, as
/// ISO 8601 numbers them) and hour. What "best time to call" groups by.
/// </summary>
public static class LocalHour
{
    /// <summary>ISO 8601 weekdays: Monday is 1, Sunday 7.</summary>
    public enum Day
    {
        Monday = 1,
        Tuesday = 2,
        Wednesday = 3,
        Thursday = 4,
        Friday = 5,
        Saturday = 6,
        Sunday = 7,
    }

    /// <summary>The hour of the week of <paramref name="instant"/> in <paramref name="zone"/>: 0 is Monday 00:00-01:00, 167 Sunday 23:00-24:00.</summary>
    public static int HourOfWeek(DateTimeOffset instant, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        return (((int)DayOf(local.DayOfWeek) - 1) * 24) + local.Hour;
    }

    public static Day DayOf(DayOfWeek day) => day == DayOfWeek.Sunday ? Day.Sunday : (Day)(int)day;

    public static Day DayOfHourOfWeek(int hourOfWeek) => (Day)((hourOfWeek / 24) + 1);
}
