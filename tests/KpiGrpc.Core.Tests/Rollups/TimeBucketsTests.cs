using KpiGrpc.Core.Rollups;
using static KpiGrpc.Core.Tests.TestData;

namespace KpiGrpc.Core.Tests.Rollups;

public sealed class TimeBucketsTests
{
    [Theory]
    [InlineData(0, 0, 0)]      // 00:00:00 opens slot 0
    [InlineData(14, 59, 0)]    // 00:14:59 is still slot 0
    [InlineData(15, 0, 1)]     // 00:15:00 opens slot 1
    public void SlotOf_InstantsAroundFirstBoundary_CountFromTheEpoch(int minute, int second, long expected)
    {
        var instant = DateTimeOffset.UnixEpoch.AddMinutes(minute).AddSeconds(second);

        var slot = TimeBuckets.SlotOf(instant);

        Assert.Equal(expected, slot);
    }

    [Fact]
    public void SlotOf_OneSecondBeforeEpoch_IsSlotMinusOne()
    {
        var slot = TimeBuckets.SlotOf(DateTimeOffset.UnixEpoch.AddSeconds(-1));

        Assert.Equal(-1, slot);
    }

    [Fact]
    public void StartOf_SlotOfACall_IsTheQuarterHourItStartedIn()
    {
        // 10:07:30 (+01:00) is 09:07:30 UTC: quarter 09:00 UTC.
        var call = new DateTimeOffset(2026, 3, 10, 10, 7, 30, TimeSpan.FromHours(1));

        var start = TimeBuckets.StartOf(TimeBuckets.SlotOf(call));

        Assert.Equal(Utc(2026, 3, 10, 9, 0), start);
    }

    [Fact]
    public void SlotAtOrAfter_InsideAndOnBoundary_RoundsUpOnlyInside()
    {
        var inside = TimeBuckets.SlotAtOrAfter(Utc(2026, 3, 10, 10, 7));
        var onBoundary = TimeBuckets.SlotAtOrAfter(Utc(2026, 3, 10, 10, 15));

        Assert.Equal(Utc(2026, 3, 10, 10, 15), TimeBuckets.StartOf(inside));
        Assert.Equal(Utc(2026, 3, 10, 10, 15), TimeBuckets.StartOf(onBoundary));
    }

    [Fact]
    public void Split_SessionFrom1010To1050_GivesEachQuarterItsShare()
    {
        // 10:10-10:50: 5 min in 10:00, 15 in 10:15, 15 in 10:30, 5 in 10:45.
        var pieces = TimeBuckets.Split(Utc(2026, 3, 10, 10, 10), Utc(2026, 3, 10, 10, 50)).ToList();

        Assert.Equal(
            [
                (Utc(2026, 3, 10, 10, 0), TimeSpan.FromMinutes(5)),
                (Utc(2026, 3, 10, 10, 15), TimeSpan.FromMinutes(15)),
                (Utc(2026, 3, 10, 10, 30), TimeSpan.FromMinutes(15)),
                (Utc(2026, 3, 10, 10, 45), TimeSpan.FromMinutes(5)),
            ],
            pieces.Select(piece => (TimeBuckets.StartOf(piece.Slot), piece.Duration)));
    }

    [Fact]
    public void Split_SessionAcrossMidnight_KeepsEveryMinute()
    {
        var start = Utc(2026, 3, 10, 22, 0);
        var end = Utc(2026, 3, 11, 6, 30);

        var pieces = TimeBuckets.Split(start, end).ToList();

        Assert.Equal(34, pieces.Count); // 8.5 h of quarters
        Assert.Equal(end - start, pieces.Aggregate(TimeSpan.Zero, (sum, piece) => sum + piece.Duration));
    }

    [Fact]
    public void Split_EmptySpan_GivesNothing()
    {
        var pieces = TimeBuckets.Split(Now, Now);

        Assert.Empty(pieces);
    }
}
