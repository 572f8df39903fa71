using KpiGrpc.Core.Counting;
using KpiGrpc.Core.Records;
using KpiGrpc.Core.Rollups;
using static KpiGrpc.Core.Tests.TestData;

namespace KpiGrpc.Core.Tests.Rollups;

public sealed class RollupDeltaTests
{
    private static readonly DateTimeOffset TenOClock = Utc(2026, 3, 10, 10, 0);

    [Fact]
    public void AddCall_TwoCallsInSameQuarterAndSeries_SumIntoOneRow()
    {
        var delta = new RollupDelta();

        delta.AddCall(Call(id: "a", at: TenOClock.AddMinutes(1), outcome: CallOutcome.Pitched, talkSeconds: 60), isSale: false, sign: 1);
        delta.AddCall(Call(id: "b", at: TenOClock.AddMinutes(14), outcome: CallOutcome.Appointment, talkSeconds: 90), isSale: true, sign: 1);

        var ((series, slot), counters) = Assert.Single(delta.Changes);
        Assert.Equal(new SeriesKey("camp-1", "team-1", "op-1"), series);
        Assert.Equal(TimeBuckets.SlotOf(TenOClock), slot);
        Assert.Equal((2, 2, 1, 1, 150_000), (counters.Dialed, counters.Pitched, counters.Appointments, counters.Sales, counters.TalkMilliseconds));
    }

    [Fact]
    public void AddCall_CorrectionRemovesOldAndAddsNew_NetsOnlyTheDifference()
    {
        // Revision 2 turns a pitch into an appointment: one appointment more, nothing else.
        var delta = new RollupDelta();

        delta.AddCall(Call(outcome: CallOutcome.Pitched, at: TenOClock, talkSeconds: 60), isSale: false, sign: -1);
        delta.AddCall(Call(outcome: CallOutcome.Appointment, at: TenOClock, talkSeconds: 60, revision: 2), isSale: false, sign: 1);

        var counters = Assert.Single(delta.Changes).Value;
        Assert.Equal(KpiCounters.Zero with { Appointments = 1 }, counters);
    }

    [Fact]
    public void ToChange_CallAddedThenRemoved_IsNull()
    {
        var delta = new RollupDelta();

        delta.AddCall(Call(at: TenOClock), isSale: false, sign: 1);
        delta.AddCall(Call(at: TenOClock), isSale: false, sign: -1);

        Assert.Null(delta.ToChange());
    }

    [Fact]
    public void ToChange_CallsInTwoSeries_ListsBothAndTheSlotSpan()
    {
        var delta = new RollupDelta();
        delta.AddCall(Call(id: "a", at: TenOClock.AddHours(2), operatorId: "op-1"), isSale: false, sign: 1);
        delta.AddCall(Call(id: "b", at: TenOClock, operatorId: "op-2"), isSale: false, sign: 1);

        var change = delta.ToChange();

        Assert.NotNull(change);
        Assert.Equal(2, change.Series.Count);
        Assert.Contains(new SeriesKey("camp-1", "team-1", "op-2"), change.Series);
        Assert.Equal((TimeBuckets.SlotOf(TenOClock), TimeBuckets.SlotOf(TenOClock.AddHours(2))), (change.FirstSlot, change.LastSlot));
    }

    [Fact]
    public void AddSession_FortyMinutes_SpreadsLoggedTimeOverFourQuarters()
    {
        var delta = new RollupDelta();

        delta.AddSession(Session(TenOClock.AddMinutes(10), TenOClock.AddMinutes(50)), sign: 1);

        Assert.Equal(
            [300_000L, 900_000L, 900_000L, 300_000L],
            delta.Changes.OrderBy(change => change.Key.Slot).Select(change => change.Value.LoggedMilliseconds));
        Assert.All(delta.Changes, change => Assert.Equal(0, change.Value.Dialed));
    }

    [Fact]
    public void AddSession_RemovedWithMinusOne_NetsToNothing()
    {
        var delta = new RollupDelta();
        var session = Session(TenOClock, TenOClock.AddHours(3));

        delta.AddSession(session, sign: 1);
        delta.AddSession(session, sign: -1);

        Assert.All(delta.Changes, change => Assert.True(change.Value.IsZero));
        Assert.Null(delta.ToChange());
    }
}
