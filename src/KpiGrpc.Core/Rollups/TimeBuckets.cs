namespace KpiGrpc.Core.Rollups;

/// <summary>
/// Rollups are kept per 15-minute slot of UTC time. Every real time zone's offset is a
/// multiple of 15 minutes, so local hours, days, weeks and months are whole runs of slots.
/// </summary>
public static class TimeBuckets
{
    public const long SlotSeconds = 900;

    public static readonly TimeSpan SlotLength = TimeSpan.FromSeconds(SlotSeconds);

    /// <summary>The slot that contains <paramref name="instant"/>: its start, in seconds since the Unix epoch, divided by 900.</summary>
    public static long SlotOf(DateTimeOffset instant) => Math.DivRem(instant.ToUnixTimeSeconds(), SlotSeconds) switch
    {
        var (q, r) when r < 0 => q - 1,
        var (q, _) => q,
    };

    /// <summary>The first slot that starts at or after <paramref name="instant"/>.</summary>
    public static long SlotAtOrAfter(DateTimeOffset instant)
    {
        var slot = SlotOf(instant);
        return StartOf(slot) < instant ? slot + 1 : slot;
    }

    public static DateTimeOffset StartOf(long slot) => DateTimeOffset.FromUnixTimeSeconds(slot * SlotSeconds);

    public static bool IsSlotBoundary(DateTimeOffset instant) => StartOf(SlotOf(instant)) == instant;

    /// <summary>
    /// Splits [<paramref name="start"/>, <paramref name="end"/>) into per-slot durations,
    /// e.g. a session's logged time.
    /// </summary>
    public static IEnumerable<(long Slot, TimeSpan Duration)> Split(DateTimeOffset start, DateTimeOffset end)
    {
        for (var slot = SlotOf(start); start < end; slot++)
        {
            var slotEnd = StartOf(slot + 1);
            var pieceEnd = slotEnd < end ? slotEnd : end;
            yield return (slot, pieceEnd - start);
            start = pieceEnd;
        }
    }
}
