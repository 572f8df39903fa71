using KpiGrpc.Core.Ingest;
using KpiGrpc.Core.Records;
using static KpiGrpc.Core.Tests.TestData;

namespace KpiGrpc.Core.Tests.Ingest;

public sealed class IngestRulesTests
{
    [Fact]
    public void Decide_SameInstantInAnotherOffset_IsDuplicate()
    {
        var stored = Call(at: Utc(2026, 3, 10, 9, 30));

        var outcome = IngestRules.Decide(stored, Call(at: Utc(2026, 3, 10, 9, 30).ToOffset(TimeSpan.FromHours(2))));

        Assert.Equal(IngestOutcome.Duplicate, outcome);
    }

    [Fact]
    public void Decide_EqualRevisionWithAnotherLead_ReplacesStoredCall()
    {
        var outcome = IngestRules.Decide(Call(lead: "lead-1"), Call(lead: "lead-2"));

        Assert.Equal(IngestOutcome.Replaced, outcome);
    }

    [Fact]
    public void Decide_SameCallSentAgain_IsDuplicate()
    {
        var outcome = IngestRules.Decide(Call(talkSeconds: 30), Call(talkSeconds: 30));

        Assert.Equal(IngestOutcome.Duplicate, outcome);
    }

    [Fact]
    public void Decide_TalkTimeDifferingBelowAMillisecond_IsDuplicate()
    {
        // The store keeps milliseconds: 30.0001 s and 30.0002 s are both 30 000 ms.
        var outcome = IngestRules.Decide(Call(talkSeconds: 30.0001), Call(talkSeconds: 30.0002));

        Assert.Equal(IngestOutcome.Duplicate, outcome);
    }

    [Fact]
    public void Decide_HigherRevision_ReplacesStoredCall()
    {
        var stored = Call(outcome: CallOutcome.Pitched, revision: 1);

        var outcome = IngestRules.Decide(stored, Call(outcome: CallOutcome.Appointment, revision: 2));

        Assert.Equal(IngestOutcome.Replaced, outcome);
    }

    [Fact]
    public void Decide_LowerRevision_IsStaleEvenWithOtherContent()
    {
        var stored = Call(outcome: CallOutcome.Appointment, revision: 3);

        var outcome = IngestRules.Decide(stored, Call(outcome: CallOutcome.Pitched, revision: 2));

        Assert.Equal(IngestOutcome.Stale, outcome);
    }

    [Fact]
    public void Decide_EqualRevisionWithDifferentContent_ReplacesStoredCall()
    {
        // A correction that forgot to bump the revision still wins.
        var stored = Call(outcome: CallOutcome.Answered, revision: 1);

        var outcome = IngestRules.Decide(stored, Call(outcome: CallOutcome.Rejected, revision: 1));

        Assert.Equal(IngestOutcome.Replaced, outcome);
    }

    [Fact]
    public void Decide_FirstResult_IsAccepted()
    {
        var outcome = IngestRules.Decide(null, new AppointmentResult("call-1", AppointmentResultKind.Sale, Now));

        Assert.Equal(IngestOutcome.Accepted, outcome);
    }

    [Fact]
    public void Decide_LaterReportedResult_ReplacesStoredOne()
    {
        var stored = new AppointmentResult("call-1", AppointmentResultKind.Sale, Now);

        var outcome = IngestRules.Decide(stored, new AppointmentResult("call-1", AppointmentResultKind.Cancelled, Now.AddHours(1)));

        Assert.Equal(IngestOutcome.Replaced, outcome);
    }

    [Fact]
    public void Decide_EarlierReportedResult_IsStale()
    {
        // Reports arrive out of order: the sale reported yesterday does not undo today's cancellation.
        var stored = new AppointmentResult("call-1", AppointmentResultKind.Cancelled, Now);

        var outcome = IngestRules.Decide(stored, new AppointmentResult("call-1", AppointmentResultKind.Sale, Now.AddDays(-1)));

        Assert.Equal(IngestOutcome.Stale, outcome);
    }

    [Fact]
    public void Decide_SameResultSameInstantInAnotherOffset_IsDuplicate()
    {
        var stored = new AppointmentResult("call-1", AppointmentResultKind.Sale, Now);

        var outcome = IngestRules.Decide(stored, new AppointmentResult("call-1", AppointmentResultKind.Sale, Now.ToOffset(TimeSpan.FromHours(2))));

        Assert.Equal(IngestOutcome.Duplicate, outcome);
    }

    [Fact]
    public void Decide_OtherResultReportedAtSameInstant_LaterArrivalReplaces()
    {
        var stored = new AppointmentResult("call-1", AppointmentResultKind.Sale, Now);

        var outcome = IngestRules.Decide(stored, new AppointmentResult("call-1", AppointmentResultKind.NoSale, Now));

        Assert.Equal(IngestOutcome.Replaced, outcome);
    }

    [Fact]
    public void Decide_NewSession_IsAccepted()
    {
        var outcome = IngestRules.Decide(null, Session(Now.AddHours(-4), Now));

        Assert.Equal(IngestOutcome.Accepted, outcome);
    }

    [Fact]
    public void Decide_SameSessionSentAgain_IsDuplicate()
    {
        var outcome = IngestRules.Decide(Session(Now.AddHours(-4), Now), Session(Now.AddHours(-4), Now));

        Assert.Equal(IngestOutcome.Duplicate, outcome);
    }

    [Fact]
    public void Decide_SessionSentAgainWithLaterEnd_ReplacesStoredOne()
    {
        var outcome = IngestRules.Decide(Session(Now.AddHours(-4), Now.AddHours(-1)), Session(Now.AddHours(-4), Now));

        Assert.Equal(IngestOutcome.Replaced, outcome);
    }
}
