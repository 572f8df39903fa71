using KpiGrpc.Core.Records;
using KpiGrpc.Core.Validation;
using static KpiGrpc.Core.Tests.TestData;

namespace KpiGrpc.Core.Tests.Validation;

public sealed class CallContentValidationTests
{
    private readonly RecordValidator _validator = new(new FixedTimeProvider(Now));

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Validate_TalkSecondsNegativeOrNotFinite_IsRefused(double talkSeconds)
    {
        var call = Call(talkSeconds: talkSeconds);

        var violation = _validator.Validate(call);

        Assert.Equal("talk_seconds", violation?.Field);
        Assert.Contains("finite number of seconds, 0 or more", violation?.Reason);
    }

    [Theory]
    [InlineData(86_400.001)]
    [InlineData(1e20)] // would saturate the millisecond counter and wrap the rollup sums negative
    public void Validate_TalkSecondsOverADay_IsRefused(double talkSeconds)
    {
        var call = Call(talkSeconds: talkSeconds);

        var violation = _validator.Validate(call);

        Assert.Equal(new RecordViolation("talk_seconds", "talk_seconds must be at most 86400 (one day)"), violation);
    }

    [Fact]
    public void Validate_TalkSecondsOfExactlyADay_IsValid()
    {
        var call = Call(talkSeconds: RecordValidator.MaxTalkSeconds);

        var violation = _validator.Validate(call);

        Assert.Null(violation);
    }

    [Theory]
    [InlineData(CallOutcome.InvalidNumber, "invalid_number")]
    [InlineData(CallOutcome.NoAnswer, "no_answer")]
    [InlineData(CallOutcome.Busy, "busy")]
    public void Validate_TalkTimeWhereNobodyTalked_IsRefusedNamingTheOutcome(CallOutcome outcome, string outcomeName)
    {
        var call = Call(outcome: outcome, talkSeconds: 5);

        var violation = _validator.Validate(call);

        Assert.Equal("talk_seconds", violation?.Field);
        Assert.Contains($"must be 0 when outcome is {outcomeName}", violation?.Reason);
    }

    [Fact]
    public void Validate_TalkTimeOnVoicemail_IsValid()
    {
        // The operator may talk to the machine.
        var call = Call(outcome: CallOutcome.Voicemail, talkSeconds: 20);

        var violation = _validator.Validate(call);

        Assert.Null(violation);
    }

    [Theory]
    [InlineData(CallOutcome.InvalidNumber)]
    [InlineData(CallOutcome.NoAnswer)]
    [InlineData(CallOutcome.Busy)]
    [InlineData(CallOutcome.Voicemail)]
    public void Validate_RemovalRequestedWhereNobodyAnswered_IsRefused(CallOutcome outcome)
    {
        var call = Call(outcome: outcome, removalRequested: true);

        var violation = _validator.Validate(call);

        Assert.Equal("removal_requested", violation?.Field);
        Assert.Contains("needs someone who answered", violation?.Reason);
    }

    [Fact]
    public void Validate_RemovalRequestedOnDroppedCall_IsValid()
    {
        var call = Call(outcome: CallOutcome.Dropped, removalRequested: true);

        var violation = _validator.Validate(call);

        Assert.Null(violation);
    }

    [Fact]
    public void Validate_MissingStartedAt_IsRequired()
    {
        var call = Call(at: default(DateTimeOffset));

        var violation = _validator.Validate(call);

        Assert.Equal(new RecordViolation("started_at", "started_at is required"), violation);
    }

    [Fact]
    public void Validate_StartedBefore2000_IsRefused()
    {
        var call = Call(at: Utc(1999, 12, 31, 23, 59));

        var violation = _validator.Validate(call);

        Assert.Equal("started_at", violation?.Field);
        Assert.Contains("before 2000-01-01", violation?.Reason);
    }

    [Fact]
    public void Validate_StartedMoreThan24HoursAhead_IsRefused()
    {
        var call = Call(at: Now.AddHours(24).AddMinutes(1));

        var violation = _validator.Validate(call);

        Assert.Equal("started_at", violation?.Field);
        Assert.Contains("more than 24 hours in the future", violation?.Reason);
    }

    [Fact]
    public void Validate_StartedSlightlyAheadOfServerClock_IsValid()
    {
        // Dialer clocks drift: 23 hours ahead is tolerated.
        var call = Call(at: Now.AddHours(23));

        var violation = _validator.Validate(call);

        Assert.Null(violation);
    }
}
