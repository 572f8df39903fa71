using KpiGrpc.Core.Records;
using KpiGrpc.Core.Validation;
using static KpiGrpc.Core.Tests.TestData;

namespace KpiGrpc.Core.Tests.Validation;

public sealed class ResultAndSessionValidationTests
{
    private readonly RecordValidator _validator = new(new FixedTimeProvider(Now));

    [Fact]
    public void Validate_CompleteResult_IsValid()
    {
        var result = new AppointmentResult("call-1", AppointmentResultKind.Sale, Now.AddDays(-1));

        var violation = _validator.Validate(result);

        Assert.Null(violation);
    }

    [Fact]
    public void Validate_ResultWithoutCallId_IsRefused()
    {
        var result = new AppointmentResult("", AppointmentResultKind.NoSale, Now);

        var violation = _validator.Validate(result);

        Assert.Equal(new RecordViolation("call_id", "call_id is required"), violation);
    }

    [Fact]
    public void Validate_ResultKindUnspecified_IsRefused()
    {
        var result = new AppointmentResult("call-1", 0, Now);

        var violation = _validator.Validate(result);

        Assert.Equal("result", violation?.Field);
        Assert.Contains("SALE, NO_SALE or CANCELLED", violation?.Reason);
    }

    [Fact]
    public void Validate_ResultWithoutReportedAt_IsRefused()
    {
        var result = new AppointmentResult("call-1", AppointmentResultKind.Cancelled, default);

        var violation = _validator.Validate(result);

        Assert.Equal(new RecordViolation("reported_at", "reported_at is required"), violation);
    }

    [Fact]
    public void Validate_CompleteSession_IsValid()
    {
        var session = Session(Now.AddHours(-8), Now.AddHours(-4), campaign: "camp-1");

        var violation = _validator.Validate(session);

        Assert.Null(violation);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-30)]
    public void Validate_SessionEndingAtOrBeforeItsStart_IsRefused(int minutes)
    {
        var start = Now.AddHours(-4);
        var session = Session(start, start.AddMinutes(minutes));

        var violation = _validator.Validate(session);

        Assert.Equal(new RecordViolation("ended_at", "ended_at must be after started_at"), violation);
    }

    [Fact]
    public void Validate_SessionLongerThanADay_IsRefused()
    {
        // A forgotten logout: 3 days of "logged" time would crush calls_per_hour.
        var session = Session(Now.AddDays(-3), Now.AddHours(-1));

        var violation = _validator.Validate(session);

        Assert.Equal("ended_at", violation?.Field);
        Assert.Contains("at most 24 hours", violation?.Reason);
    }

    [Fact]
    public void Validate_SessionWithoutId_IsRefused()
    {
        var session = Session(Now.AddHours(-2), Now.AddHours(-1), id: " ");

        var violation = _validator.Validate(session);

        Assert.Equal("session_id", violation?.Field);
    }

    [Fact]
    public void Validate_SessionWithoutOperator_IsRefused()
    {
        var session = Session(Now.AddHours(-2), Now.AddHours(-1), operatorId: "");

        var violation = _validator.Validate(session);

        Assert.Equal("operator_id", violation?.Field);
    }

    [Fact]
    public void Validate_SessionEndingFarInTheFuture_IsRefused()
    {
        var session = Session(Now.AddHours(-2), Now.AddDays(3));

        var violation = _validator.Validate(session);

        Assert.Equal("ended_at", violation?.Field);
        Assert.Contains("in the future", violation?.Reason);
    }

    [Fact]
    public void Validate_SessionCampaignIdTooLong_IsRefused()
    {
        var session = Session(Now.AddHours(-2), Now.AddHours(-1), campaign: new string('c', 201));

        var violation = _validator.Validate(session);

        Assert.Equal("campaign_id", violation?.Field);
    }
}
