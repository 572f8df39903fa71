using KpiGrpc.Core.Counting;
using KpiGrpc.Core.Records;
using static KpiGrpc.Core.Tests.TestData;

namespace KpiGrpc.Core.Tests.Counting;

public sealed class KpiCountersTests
{
    // The funnel table: each outcome implies every step before it.
    [Theory]
    [InlineData(CallOutcome.InvalidNumber, 0, 0, 0, 0, 0, 0)]
    [InlineData(CallOutcome.NoAnswer, 1, 0, 0, 0, 0, 0)]
    [InlineData(CallOutcome.Busy, 1, 0, 0, 0, 0, 0)]
    [InlineData(CallOutcome.Voicemail, 1, 0, 0, 0, 0, 0)]
    [InlineData(CallOutcome.Dropped, 1, 1, 0, 0, 0, 1)]
    [InlineData(CallOutcome.Rejected, 1, 1, 1, 0, 0, 0)]
    [InlineData(CallOutcome.Answered, 1, 1, 0, 0, 0, 0)]
    [InlineData(CallOutcome.Pitched, 1, 1, 0, 1, 0, 0)]
    [InlineData(CallOutcome.Appointment, 1, 1, 0, 1, 1, 0)]
    public void FromCall_EachOutcome_CountsItsFunnelSteps(
        CallOutcome outcome, long connected, long answered, long rejected, long pitched, long appointments, long dropped)
    {
        var call = Call(outcome: outcome);

        var counters = KpiCounters.FromCall(call, isSale: false);

        Assert.Equal(
            new KpiCounters(1, connected, answered, rejected, pitched, appointments, 0, dropped, 0, 0),
            counters);
    }

    [Theory]
    [InlineData(CallOutcome.Answered)]
    [InlineData(CallOutcome.Pitched)]
    [InlineData(CallOutcome.Appointment)]
    public void FromCall_RemovalRequested_CountsAsRejected(CallOutcome outcome)
    {
        var call = Call(outcome: outcome, removalRequested: true);

        var counters = KpiCounters.FromCall(call, isSale: false);

        Assert.Equal(1, counters.Rejected);
    }

    [Fact]
    public void FromCall_RejectedAndRemovalRequested_CountsOneRejection()
    {
        var call = Call(outcome: CallOutcome.Rejected, removalRequested: true);

        var counters = KpiCounters.FromCall(call, isSale: false);

        Assert.Equal(1, counters.Rejected);
    }

    [Fact]
    public void FromCall_AppointmentWhoseLatestResultIsSale_CountsASale()
    {
        var call = Call(outcome: CallOutcome.Appointment);

        var counters = KpiCounters.FromCall(call, isSale: true);

        Assert.Equal(1, counters.Sales);
    }

    [Fact]
    public void FromCall_SaleReportedOnACallThatIsNotAnAppointment_CountsNoSale()
    {
        // A call corrected from appointment to pitched loses its sale.
        var call = Call(outcome: CallOutcome.Pitched);

        var counters = KpiCounters.FromCall(call, isSale: true);

        Assert.Equal(0, counters.Sales);
    }

    [Theory]
    [InlineData(12.3456, 12_346)]
    [InlineData(0.0625, 63)]   // 62.5 ms rounds away from zero, not to even
    [InlineData(0.0004, 0)]
    [InlineData(3600, 3_600_000)]
    public void FromCall_TalkSeconds_KeptAsWholeMilliseconds(double talkSeconds, long expectedMs)
    {
        var call = Call(talkSeconds: talkSeconds);

        var counters = KpiCounters.FromCall(call, isSale: false);

        Assert.Equal(expectedMs, counters.TalkMilliseconds);
    }

    [Fact]
    public void Subtract_CallAddedThenRemoved_LeavesExactlyWhatWasThere()
    {
        // 0.1 s three times is not 0.3 in floating point; in milliseconds it is.
        var before = KpiCounters.FromCall(Call(outcome: CallOutcome.Pitched, talkSeconds: 0.1), isSale: false)
            + KpiCounters.FromCall(Call(outcome: CallOutcome.Dropped, talkSeconds: 0.1), isSale: false);
        var correction = KpiCounters.FromCall(Call(outcome: CallOutcome.Appointment, talkSeconds: 0.1), isSale: true);

        var after = before + correction - correction;

        Assert.Equal(before, after);
        Assert.True((correction - correction).IsZero);
        Assert.Equal(0.2, after.TalkSeconds, 12);
    }

    [Fact]
    public void FromLoggedTime_NinetyMinutes_IsOneAndAHalfHours()
    {
        var counters = KpiCounters.FromLoggedTime(TimeSpan.FromMinutes(90));

        Assert.Equal(5_400_000, counters.LoggedMilliseconds);
        Assert.Equal(1.5, counters.LoggedHours, 12);
        Assert.Equal(0, counters.Dialed);
    }
}
