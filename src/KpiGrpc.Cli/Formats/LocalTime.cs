using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using KpiGrpc.Cli.Csv;

namespace KpiGrpc.Cli.Formats;

/// <summary>
/// Local wall-clock times of dialer logs ("2026-03-29 09:15:00", no offset) read in the
/// user's time zone. A time that the clock skipped (spring DST gap) or showed twice (autumn
/// overlap) has no single instant: it is reported, never shifted or guessed.
/// </summary>
internal static class LocalTime
{
    private static readonly string[] Formats = ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFF", "yyyy-MM-dd'T'HH:mm:ss"];

    /// <summary>The instant of <paramref name="text"/> in <paramref name="zone"/>; throws <see cref="CsvFieldException"/>.</summary>
    public static DateTimeOffset ToInstant(string column, string text, TimeZoneInfo zone)
    {
        if (text.Length == 0)
        {
            throw new CsvFieldException(column, "is required");
        }

        if (!DateTime.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            throw new CsvFieldException(column, $"'{text}' is not a local time such as 2026-03-28 09:15:00");
        }

        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            throw new CsvFieldException(column, $"'{text}' does not exist in {zone.Id} (the clocks skipped it for daylight saving time); check --tz");
        }

        if (zone.IsAmbiguousTime(local))
        {
            var instants = zone.GetAmbiguousTimeOffsets(local)
                .Order()
                .Select(offset => new DateTimeOffset(local, offset).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture));
            throw new CsvFieldException(column, $"'{text}' happened twice in {zone.Id} (daylight saving time ended): it is either {string.Join(" or ", instants)}");
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    /// <summary>Unix seconds (UTC by definition), as in VICIdial's *_epoch columns.</summary>
    public static DateTimeOffset FromEpoch(string column, string text)
    {
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is > 0 and < 253402300800
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : throw new CsvFieldException(column, $"'{text}' is not a Unix time in seconds");
    }

    public static Timestamp ToTimestamp(this DateTimeOffset instant) => Timestamp.FromDateTimeOffset(instant);
}
