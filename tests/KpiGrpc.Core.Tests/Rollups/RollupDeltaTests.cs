using KpiGrpc.Core.Counting;
using KpiGrpc.Core.Records;
using KpiGrpc.Core.Rollups;
using static KpiGrpc.Core.Tests.TestData;

namespace KpiGrpc.Core.Tests.Rollups;

public sealed class RollupDeltaTests
{
    private static readonly DateTimeOffset TenOClock = Utc(2026, 3, 10, 10, 0);
    private static readonly SeriesKey OperatorOne = new("camp-1", "team-1", "op-1");
    private static readonly KpiCounters OneCall = KpiCounters.Zero with { Dialed = 1 };

    [Fact]
    public void Add_SameSeriesAndSlotTwice_SumsIntoOneRow()
    {
        var delta = new RollupDelta();
        var slot = TimeBuckets.SlotOf(TenOClock);

        delta.Add(OperatorOne, slot, OneCall);
        delta.Add(OperatorOne, slot, OneCall with { TalkMilliseconds = 90_000 });

        var ((series, at), counters) = Assert.Single(delta.Changes);
        Assert.Equal((OperatorOne, slot), (series, at));
        Assert.Equal(OneCall with { Dialed = 2, TalkMilliseconds = 90_000 }, counters);
    }

    [Fact]
    public void ToChange_CallAddedThenRemoved_IsNull()
    {
        var delta = new RollupDelta();

        delta.Add(OperatorOne, TimeBuckets.SlotOf(TenOClock), OneCall);
        delta.Add(OperatorOne, TimeBuckets.SlotOf(TenOClock), -OneCall);

        Assert.Null(delta.ToChange());
    }

    [Fact]
    public void ToChange_CallsInTwoSeries_ListsBothAndTheSlotSpan()
    {
        var delta = new RollupDelta();
        delta.Add(OperatorOne, TimeBuckets.SlotOf(TenOClock.AddHours(2)), OneCall);
        delta.Add(OperatorOne with { OperatorId = "op-2" }, TimeBuckets.SlotOf(TenOClock), OneCall);

        var change = delta.ToChange();

        Assert.NotNull(change);
        Assert.Equal(2, change.Series.Count);
        Assert.Contains(new SeriesKey("camp-1", "team-1", "op-2"), change.Series);
        Assert.Equal((TimeBuckets.SlotOf(TenOClock), TimeBuckets.SlotOf(TenOClock.AddHours(2))), (change.FirstSlot, change.LastSlot));
    }
}
