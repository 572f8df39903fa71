namespace KpiGrpc.Core.Querying;

/// <summary>IANA time zones, and local calendar instants converted to UTC without surprises at DST changes.</summary>
public static class TimeZones
{
    /// <summary>The zone named <paramref name="ianaId"/> ("" means UTC).</summary>
    public static TimeZoneInfo Find(string? ianaId, string field = "time_zone")
    {
        if (string.IsNullOrWhiteSpace(ianaId))
        {
            return TimeZoneInfo.Utc;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(ianaId);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new KpiRequestException(field, $"unknown time zone '{ianaId}': use an IANA name such as Europe/Paris");
        }
    }

    /// <summary>
    /// The instant a local wall-clock time begins: a time skipped by a DST jump maps to the
    /// end of the jump, and a repeated time to its first occurrence.
    /// </summary>
    public static DateTimeOffset StartOfLocal(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        var probe = local;
        while (zone.IsInvalidTime(probe))
        {
            probe = probe.AddMinutes(15);
        }

        if (probe != local)
        {
            // Inside a gap: the first valid wall-clock time after it is the instant the clocks jumped.
            return new DateTimeOffset(probe, zone.GetUtcOffset(probe)).ToUniversalTime();
        }

        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }
}
