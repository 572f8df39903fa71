using KpiGrpc.Core.Counting;
using KpiGrpc.Core.Ingest;
using KpiGrpc.Core.Records;
using KpiGrpc.Core.Rollups;
using static KpiGrpc.Core.Tests.TestData;

namespace KpiGrpc.Core.Tests.Ingest;

public sealed class IngestEngineTests
{
    private static readonly DateTimeOffset TenOClock = Utc(2026, 3, 10, 10, 0);
    private readonly MemoryLedger _ledger = new();

    [Fact]
    public void ApplyCall_NewCallId_IsAcceptedAndCounted()
    {
        var outcome = _ledger.Apply(Call(outcome: CallOutcome.Answered, talkSeconds: 42));

        Assert.Equal(IngestOutcome.Accepted, outcome);
        Assert.Equal((1, 1, 42_000), (_ledger.Total.Dialed, _ledger.Total.Answered, _ledger.Total.TalkMilliseconds));
    }

    [Fact]
    public void ApplyCall_TwoCallsInSameQuarterAndSeries_SumIntoOneRow()
    {
        _ledger.Apply(Call(id: "a", at: TenOClock.AddMinutes(1), outcome: CallOutcome.Pitched, talkSeconds: 60));
        _ledger.Apply(Call(id: "b", at: TenOClock.AddMinutes(14), outcome: CallOutcome.Appointment, talkSeconds: 90));

        var ((series, slot), counters) = Assert.Single(_ledger.Delta.Changes);
        Assert.Equal((new SeriesKey("camp-1", "team-1", "op-1"), TimeBuckets.SlotOf(TenOClock)), (series, slot));
        Assert.Equal((2, 2, 1, 150_000), (counters.Dialed, counters.Pitched, counters.Appointments, counters.TalkMilliseconds));
    }

    [Fact]
    public void ApplyCall_SameCallTwice_IsDuplicateAndCountsOnce()
    {
        _ledger.Apply(Call(talkSeconds: 30.0001));

        var outcome = _ledger.Apply(Call(talkSeconds: 30.0002));

        Assert.Equal(IngestOutcome.Duplicate, outcome);
        Assert.Equal(1, _ledger.Total.Dialed);
    }

    [Fact]
    public void ApplyCall_HigherRevisionTurnsPitchIntoAppointment_NetsOnlyTheDifference()
    {
        _ledger.Apply(Call(outcome: CallOutcome.Pitched, at: TenOClock, talkSeconds: 60));
        var before = _ledger.Total;

        var outcome = _ledger.Apply(Call(outcome: CallOutcome.Appointment, at: TenOClock, talkSeconds: 60, revision: 2));

        Assert.Equal(IngestOutcome.Replaced, outcome);
        Assert.Equal(KpiCounters.Zero with { Appointments = 1 }, _ledger.Total - before);
    }

    [Fact]
    public void ApplyCall_CorrectionMovesCallToAnotherOperatorAndHour_LeavesNothingBehind()
    {
        _ledger.Apply(Call(at: TenOClock, operatorId: "op-1"));

        _ledger.Apply(Call(at: TenOClock.AddHours(1), operatorId: "op-2", revision: 1));

        var counted = Assert.Single(_ledger.Delta.Changes, change => !change.Value.IsZero);
        Assert.Equal(("op-2", TimeBuckets.SlotOf(TenOClock.AddHours(1))), (counted.Key.Series.OperatorId, counted.Key.Slot));
    }

    [Fact]
    public void ApplyCall_LowerRevision_IsStaleAndChangesNothing()
    {
        _ledger.Apply(Call(outcome: CallOutcome.Appointment, revision: 3));
        var before = _ledger.Total;

        var outcome = _ledger.Apply(Call(outcome: CallOutcome.Rejected, revision: 1));

        Assert.Equal(IngestOutcome.Stale, outcome);
        Assert.Equal(before, _ledger.Total);
    }

    [Fact]
    public void ApplyCall_SaleReportedBeforeTheAppointment_CountsTheSaleWhenTheCallArrives()
    {
        _ledger.Apply(new AppointmentResult("call-1", AppointmentResultKind.Sale, Now));

        _ledger.Apply(Call(outcome: CallOutcome.Appointment));

        Assert.Equal((1, 1), (_ledger.Total.Appointments, _ledger.Total.Sales));
    }

    [Fact]
    public void ApplyCall_SoldAppointmentCorrectedToPitch_TakesTheSaleBackOut()
    {
        _ledger.Apply(Call(outcome: CallOutcome.Appointment));
        _ledger.Apply(new AppointmentResult("call-1", AppointmentResultKind.Sale, Now));

        _ledger.Apply(Call(outcome: CallOutcome.Pitched, revision: 1));

        Assert.Equal((0, 0, 1), (_ledger.Total.Appointments, _ledger.Total.Sales, _ledger.Total.Pitched));
    }

    [Fact]
    public void ApplyResult_SaleThenNoSale_CountsTheSaleThenWithdrawsIt()
    {
        _ledger.Apply(Call(outcome: CallOutcome.Appointment));

        _ledger.Apply(new AppointmentResult("call-1", AppointmentResultKind.Sale, Now));
        var afterSale = _ledger.Total.Sales;
        var outcome = _ledger.Apply(new AppointmentResult("call-1", AppointmentResultKind.NoSale, Now.AddHours(1)));

        Assert.Equal((1, 0, IngestOutcome.Replaced), (afterSale, _ledger.Total.Sales, outcome));
    }

    [Fact]
    public void ApplyResult_EarlierReport_IsStaleAndKeepsTheSale()
    {
        _ledger.Apply(Call(outcome: CallOutcome.Appointment));
        _ledger.Apply(new AppointmentResult("call-1", AppointmentResultKind.Sale, Now));

        var outcome = _ledger.Apply(new AppointmentResult("call-1", AppointmentResultKind.Cancelled, Now.AddDays(-1)));

        Assert.Equal((IngestOutcome.Stale, 1), (outcome, _ledger.Total.Sales));
    }

    [Fact]
    public void ApplyResult_SaleOnACallThatIsNoAppointment_CountsNothing()
    {
        _ledger.Apply(Call(outcome: CallOutcome.Pitched));

        var outcome = _ledger.Apply(new AppointmentResult("call-1", AppointmentResultKind.Sale, Now));

        Assert.Equal((IngestOutcome.Accepted, 0), (outcome, _ledger.Total.Sales));
    }

    [Fact]
    public void ApplySession_FortyMinutes_SpreadsLoggedTimeOverFourQuarters()
    {
        _ledger.Apply(Session(TenOClock.AddMinutes(10), TenOClock.AddMinutes(50)));

        Assert.Equal(
            [300_000L, 900_000L, 900_000L, 300_000L],
            _ledger.Delta.Changes.OrderBy(change => change.Key.Slot).Select(change => change.Value.LoggedMilliseconds));
        Assert.All(_ledger.Delta.Changes, change => Assert.Equal(0, change.Value.Dialed));
    }

    [Fact]
    public void ApplySession_ResentLonger_ReplacesTheLoggedTime()
    {
        _ledger.Apply(Session(TenOClock, TenOClock.AddHours(1)));

        var outcome = _ledger.Apply(Session(TenOClock, TenOClock.AddHours(3)));

        Assert.Equal((IngestOutcome.Replaced, 3.0), (outcome, _ledger.Total.LoggedHours));
    }

    [Fact]
    public void ApplySession_ResentIdentical_IsDuplicateAndCountsOnce()
    {
        _ledger.Apply(Session(TenOClock, TenOClock.AddHours(1)));

        var outcome = _ledger.Apply(Session(TenOClock, TenOClock.AddHours(1)));

        Assert.Equal((IngestOutcome.Duplicate, 1.0), (outcome, _ledger.Total.LoggedHours));
    }
}
