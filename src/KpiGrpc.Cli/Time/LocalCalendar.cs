namespace KpiGrpc.Cli.Time;

/// <summary>Local calendar days of a time zone as instants, without surprises at DST changes.</summary>
internal static class LocalCalendar
{
    /// <summary>The instant <paramref name="day"/> begins in <paramref name="zone"/>.</summary>
    public static DateTimeOffset StartOfDay(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        var probe = local;
        while (zone.IsInvalidTime(probe))
        {
            // Midnight skipped by a DST jump (e.g. America/Santiago): the day starts when clocks jump.
            probe = probe.AddMinutes(15);
        }

        var offset = zone.IsAmbiguousTime(probe) ? zone.GetAmbiguousTimeOffsets(probe).Max() : zone.GetUtcOffset(probe);
        return new DateTimeOffset(probe, offset);
    }

    /// <summary>The local date of <paramref name="instant"/> in <paramref name="zone"/>.</summary>
    public static DateOnly DateOf(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    /// <summary>ISO-8601 in the zone's local time with its offset, e.g. 2026-03-29T00:00:00+01:00.</summary>
    public static string Format(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
}
