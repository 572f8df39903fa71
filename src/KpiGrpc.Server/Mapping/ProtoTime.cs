using Google.Protobuf.WellKnownTypes;

namespace KpiGrpc.Server.Mapping;

/// <summary>Timestamp conversions that never throw on client input.</summary>
public static class ProtoTime
{
    // Timestamp's documented range: 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z.
    private const long MinSeconds = -62_135_596_800;
    private const long MaxSeconds = 253_402_300_799;

    /// <summary>
    /// The instant, or default when missing or out of range, so that the Core validator
    /// reports "X is required" with the field name instead of the mapper throwing.
    /// </summary>
    public static DateTimeOffset ToInstantOrDefault(Timestamp? timestamp) =>
        TryToInstant(timestamp, out var instant) ? instant : default;

    public static bool TryToInstant(Timestamp? timestamp, out DateTimeOffset instant)
    {
        if (timestamp is null)
        {
            instant = default;
            return false;
        }

        return TryToInstant(timestamp.Seconds, timestamp.Nanos, out instant);
    }

    /// <summary>An instant given as a Timestamp's two parts (as in CallColumns), with the same range checks.</summary>
    public static bool TryToInstant(long seconds, int nanos, out DateTimeOffset instant)
    {
        if (seconds is < MinSeconds or > MaxSeconds || nanos is < 0 or > 999_999_999)
        {
            instant = default;
            return false;
        }

        instant = new DateTimeOffset(DateTime.UnixEpoch.Ticks + (seconds * TimeSpan.TicksPerSecond) + (nanos / 100), TimeSpan.Zero);
        return true;
    }

    /// <summary>The instant or default, as <see cref="ToInstantOrDefault(Timestamp?)"/>.</summary>
    public static DateTimeOffset ToInstantOrDefault(long seconds, int nanos) =>
        TryToInstant(seconds, nanos, out var instant) ? instant : default;

    public static Timestamp ToTimestamp(DateTimeOffset instant) => Timestamp.FromDateTimeOffset(instant);
}
